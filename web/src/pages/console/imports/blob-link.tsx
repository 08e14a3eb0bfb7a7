import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A download link for text made or fetched in the page (a Blob URL: the file needs the
 * session's token, which a plain link would not send). The URL is released with the link.
 */
export function BlobLink({
  text,
  type,
  filename,
  children,
}: {
  text: string;
  type: string;
  filename: string;
  children: ReactNode;
}) {
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    link.current?.setAttribute('href', url);
    return () => URL.revokeObjectURL(url);
  }, [text, type]);
  return (
    <a ref={link} className="button secondary" download={filename}>
      {children}
    </a>
  );
}
