import { escapeHtml as esc } from '../html.js';
import type { Preview } from './reconcile.service.js';

const STYLE = `body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:.5rem;font-size:.9rem;color:#111}
h1{font-size:1rem;margin:0 0 .4rem}p{margin:.2rem 0}.listed{color:#a00;font-weight:600}`;

/** An organization's preview for a reconciliation client's pane: no scripts, no outside resources. */
export function renderPreviewHtml(preview: Preview): string {
  const listed = preview.listed
    ? '<p class="listed">Listed: a list entry is in force today</p>'
    : '<p>Not listed</p>';
  return `<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>${esc(preview.name)}</title><style>${STYLE}</style></head>
<body><h1>${esc(preview.name)}</h1>
<p>${esc(preview.typeName)}</p>
<p>${esc(preview.regionName ?? 'Region unknown')}</p>
${listed}
</body></html>
`;
}
