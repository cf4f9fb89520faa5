/**
 * Relative links and anchors in Markdown, resolved as GitHub renders them: a link's file must exist,
 * and its `#anchor` must be the slug of a heading of the target (or an explicit HTML id/name).
 * Pure: the files come through a `MarkdownRepository`, so tests can check it on files in memory.
 */
import * as path from "node:path";

export interface MarkdownLink {
  /** The destination as written, e.g. `docs/deploy.md#deploy-in-order` or `#tags`. */
  readonly target: string;
  /** 1-based line of the link in its file. */
  readonly line: number;
}

/** The files links are resolved against; paths are relative to the repository root, with `/`. */
export interface MarkdownRepository {
  /** True for an existing file or folder. */
  exists(file: string): boolean;
  /** The text of a Markdown file. */
  read(file: string): string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Each line of `markdown` that is not inside a fenced code block, with its 1-based number. */
function linesOutsideFences(markdown: string): Array<{ text: string; line: number }> {
  const result: Array<{ text: string; line: number }> = [];
  let fence: string | undefined;
  markdown.split("\n").forEach((text, index) => {
    const opening = FENCE.exec(text)?.[1];
    if (fence === undefined && opening) {
      fence = opening;
      return;
    }
    if (fence !== undefined) {
      // A fence closes with the same character, at least as many times, and nothing after it.
      if (opening && opening[0] === fence[0] && opening.length >= fence.length && text.trim() === opening) fence = undefined;
      return;
    }
    result.push({ text, line: index + 1 });
  });
  return result;
}

/** `text` with its code spans replaced by `replace(content)`. */
function mapCodeSpans(text: string, replace: (content: string) => string): string {
  return text.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_span, _ticks: string, content: string) => replace(content.trim()));
}

// A link's text may hold one level of brackets (an image inside a link); its destination may be
// wrapped in <…> and may be followed by a title.
const INLINE_LINK = /!?\[((?:[^[\]]|\[[^[\]]*\])*)\]\(\s*(<[^>]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/;
const HTML_LINK = /<(?:a|img)\b[^>]*?\s(?:href|src)\s*=\s*"([^"]*)"/gi;

function inlineLinks(text: string): string[] {
  const targets: string[] = [];
  for (const match of text.matchAll(INLINE_LINK)) {
    targets.push(...inlineLinks(match[1]!));
    targets.push(match[2]!.replace(/^<(.*)>$/, "$1"));
  }
  return targets;
}

/** Every link, image and reference definition of `markdown` outside code, external ones included. */
export function linksIn(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const { text, line } of linesOutsideFences(markdown)) {
    const prose = mapCodeSpans(text, () => "");
    const definition = REFERENCE_DEFINITION.exec(prose);
    if (definition) links.push({ target: definition[1]!.replace(/^<(.*)>$/, "$1"), line });
    for (const target of inlineLinks(prose)) links.push({ target, line });
    for (const match of prose.matchAll(HTML_LINK)) links.push({ target: match[1]!, line });
  }
  return links;
}

/**
 * GitHub's slugger (github-slugger): lower-case; drop every character that is not a letter, mark,
 * number, connector punctuation (`_`), space or `-`; each space becomes `-`. A slug seen before gets
 * `-1`, `-2`, … Stateful: one per document.
 */
export function githubSlugger(): (heading: string) => string {
  const occurrences = new Map<string, number>();
  return (heading) => {
    const base = heading.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "").replace(/ /g, "-");
    let slug = base;
    while (occurrences.has(slug)) {
      const count = occurrences.get(base)! + 1;
      occurrences.set(base, count);
      slug = `${base}-${count}`;
    }
    occurrences.set(slug, 0);
    return slug;
  };
}

/** A heading's text as GitHub renders it: code spans, link and image texts kept, markup dropped. */
export function renderedHeadingText(source: string): string {
  const protectedSpans: string[] = [];
  const protect = (content: string) => `\uE000${protectedSpans.push(content) - 1}\uE000`;
  let text = mapCodeSpans(source, protect);
  text = text.replace(/\\([!-/:-@[-`{-~])/g, (_escape, character: string) => protect(character));
  text = text.replace(/!?\[((?:[^[\]]|\[[^[\]]*\])*)\]\([^)]*\)/g, "$1").replace(/\[([^\]]*)\]\[[^\]]*\]/g, "$1");
  text = text.replace(/<[^>]+>/g, "");
  text = text.replace(/\*+/g, "").replace(/(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, "");
  return text.replace(/\uE000(\d+)\uE000/g, (_marker, index: string) => protectedSpans[Number(index)]!).trim();
}

const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const NOT_A_PARAGRAPH = /^\s*$|^ {4}|^ {0,3}(?:[-*+>|#]|\d+[.)])/;
const HTML_ANCHOR = /<[a-z][^>]*?\s(?:id|name)\s*=\s*"([^"]+)"/gi;

/** The fragments that lead into `markdown`: its heading slugs and explicit HTML ids and names. */
export function anchorsOf(markdown: string): Set<string> {
  const slug = githubSlugger();
  const anchors = new Set<string>();
  const lines = linesOutsideFences(markdown);
  lines.forEach(({ text, line }, index) => {
    const atx = ATX_HEADING.exec(text);
    if (atx) anchors.add(slug(renderedHeadingText(atx[1] ?? "")));
    const previous = lines[index - 1];
    if (!atx && SETEXT_UNDERLINE.test(text) && previous && previous.line === line - 1 && !NOT_A_PARAGRAPH.test(previous.text)) {
      anchors.add(slug(renderedHeadingText(previous.text)));
    }
    for (const match of mapCodeSpans(text, () => "").matchAll(HTML_ANCHOR)) anchors.add(match[1]!);
  });
  return anchors;
}

/** Why `link` of `file` does not resolve in `repository`, or undefined when it does (or is external). */
export function whyBroken(file: string, link: MarkdownLink, repository: MarkdownRepository): string | undefined {
  const { target } = link;
  if (target === "" || SCHEME.test(target) || target.startsWith("//")) return undefined;
  const hash = target.indexOf("#");
  const pathPart = (hash < 0 ? target : target.slice(0, hash)).replace(/\?.*$/, "");
  const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
  if (pathPart.startsWith("/")) return `an absolute path, which GitHub resolves outside the repository: write it relative to ${file}`;
  const resolved = pathPart === "" ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(pathPart)));
  if (resolved.startsWith("../")) return `points outside the repository (${resolved})`;
  const shown = pathPart === "" ? "this file" : resolved.replace(/\/$/, "");
  if (!repository.exists(resolved.replace(/\/$/, ""))) return `${shown} does not exist`;
  if (anchor === undefined || anchor === "") return undefined;
  if (!resolved.endsWith(".md")) return `#${anchor} points into ${shown}, which is not Markdown`;
  if (!anchorsOf(repository.read(resolved)).has(anchor)) return `${shown} has no heading whose anchor is #${anchor}`;
  return undefined;
}

/** Every broken relative link of `file`, as `file:line: target: why`. */
export function brokenLinks(file: string, repository: MarkdownRepository): string[] {
  return linksIn(repository.read(file)).flatMap((link) => {
    const why = whyBroken(file, link, repository);
    return why === undefined ? [] : [`${file}:${link.line}: ${link.target}: ${why}`];
  });
}
