// Plain text as people type it into a form, read as blocks: paragraphs separated by blank
// lines, and lists of lines that start with "- ", "* " or "• ". Never HTML: the blocks are
// rendered as text, so anything that looks like markup is shown as typed.

export type TextBlock = { kind: 'paragraph'; lines: string[] } | { kind: 'list'; items: string[] };

const BULLET = /^\s*[-*•]\s+(.*)$/;

export function plainTextBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let current: TextBlock | null = null;
  const close = () => {
    if (current) blocks.push(current);
    current = null;
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      close();
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      const item = (bullet[1] ?? '').trim();
      if (current?.kind === 'list') current.items.push(item);
      else {
        close();
        current = { kind: 'list', items: [item] };
      }
    } else if (current?.kind === 'list' && /^\s/.test(line)) {
      // an indented line continues the item above it
      const last = current.items.length - 1;
      current.items[last] = `${current.items[last] ?? ''} ${line.trim()}`;
    } else if (current?.kind === 'paragraph') {
      current.lines.push(line.trim());
    } else {
      close();
      current = { kind: 'paragraph', lines: [line.trim()] };
    }
  }
  close();
  return blocks;
}
