import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import type { SearchHit } from './search';

/**
 * The search field with instant suggestions, as an ARIA combobox: arrows move through the
 * suggestions, Enter opens one (or searches), Escape closes them.
 */
export function SearchBox({
  value,
  onChange,
  onPick,
}: {
  value: string;
  onChange(value: string): void;
  onPick(hit: SearchHit): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  /** the text a search ran for: its suggestions, even ones still on the way, stay closed */
  const searched = useRef<string | null>(null);

  // the search runs when the form is submitted (Enter or the button): the suggestions close
  useEffect(() => {
    const form = input.current?.form;
    if (!form) return;
    const close = () => {
      searched.current = input.current?.value ?? null;
      setOpen(false);
      setActive(-1);
    };
    form.addEventListener('submit', close);
    return () => form.removeEventListener('submit', close);
  }, []);

  useEffect(() => {
    const q = value.trim();
    if (!typed.current || q.length === 0) {
      setHits([]);
      return;
    }
    const controller = new AbortController();
    // a short pause, so typing a name is one request rather than one a key
    const timer = setTimeout(() => {
      api<{ items: SearchHit[] }>('/v1/search', {
        query: { q, limit: 6 },
        signal: controller.signal,
      }).then(
        ({ items }) => {
          setHits(items);
          setActive(-1);
          setOpen(items.length > 0 && searched.current !== value);
        },
        () => setHits([]),
      );
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value]);

  const keys = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && hits.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % hits.length);
    } else if (event.key === 'ArrowUp' && hits.length > 0) {
      event.preventDefault();
      setActive((a) => (a <= 0 ? hits.length - 1 : a - 1));
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    } else if (event.key === 'Enter' && open && active >= 0) {
      const hit = hits[active];
      if (hit) {
        event.preventDefault();
        setOpen(false);
        onPick(hit);
      }
    }
  };

  const listId = `${id}-suggestions`;
  return (
    <div className="combo">
      <label htmlFor={`${id}-q`}>{t('search.label')}</label>
      <input
        ref={input}
        id={`${id}-q`}
        name="q"
        type="search"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-describedby={`${id}-hint`}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        value={value}
        maxLength={200}
        onChange={(e) => {
          typed.current = true;
          searched.current = null;
          onChange(e.target.value);
        }}
        onKeyDown={keys}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul id={listId} role="listbox" aria-label={t('search.suggestions')} hidden={!open}>
        {hits.map((hit, i) => (
          <li
            key={`${hit.matched}-${i}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              setOpen(false);
              onPick(hit);
            }}
          >
            {hit.name}
            <span className="small"> · {hit.identifiers[0]?.value}</span>
          </li>
        ))}
      </ul>
      <div id={`${id}-hint`} className="small muted">
        {t('search.hint')}
      </div>
    </div>
  );
}
