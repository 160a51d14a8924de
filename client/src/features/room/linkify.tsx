import type { ReactNode } from 'react';

const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends the sentence rather than the address ("see https://x.se."). */
const TRAILING = '.,;:!?\'"]}>*';

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Drops sentence punctuation from the end; a closing parenthesis stays when the address opened one. */
function trimTrailing(url: string): string {
  let end = url.length;
  while (end > 0) {
    const c = url[end - 1]!;
    if (c === ')') {
      if (count(url.slice(0, end), '(') >= count(url.slice(0, end), ')')) break;
    } else if (!TRAILING.includes(c)) break;
    end--;
  }
  return url.slice(0, end);
}

/** The address as a link target if it is http(s), else null: javascript:, data: and the like never become links. */
export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export interface TextPart {
  text: string;
  href?: string;
}

/** Splits chat text into plain text and http(s) addresses. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_CANDIDATE)) {
    const url = trimTrailing(match[0]);
    const href = safeHref(url);
    if (!href) continue;
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: url, href });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/**
 * Chat text as React text nodes, with http(s) addresses as links that open in a new tab and carry no referrer
 * and no endorsement. Nothing is ever parsed as HTML: a `<script>` in a message stays visible text.
 */
export function Linkified({ text, newTabNote }: { text: string; newTabNote: string }): ReactNode {
  return splitLinks(text).map((part, i) =>
    part.href ? (
      <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow ugc">
        {part.text}
        <span className="visually-hidden"> {newTabNote}</span>
      </a>
    ) : (
      part.text
    ),
  );
}
