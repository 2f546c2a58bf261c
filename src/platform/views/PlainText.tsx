import { plainTextBlocks } from './plain-text.ts';

// Text typed into a form, shown as paragraphs and bullet lists; line breaks inside a paragraph are kept.
export function PlainText(props: { text: string; empty?: string }) {
  const blocks = plainTextBlocks(props.text);
  if (blocks.length === 0) return props.empty ? <p>{props.empty}</p> : null;
  return (
    <div class="plain-text">
      {blocks.map((block) =>
        block.kind === 'list' ? (
          <ul>
            {block.items.map((item) => (
              <li>{item}</li>
            ))}
          </ul>
        ) : (
          <p>
            {block.lines.map((line, i) => (
              <>
                {i > 0 && <br />}
                {line}
              </>
            ))}
          </p>
        ),
      )}
    </div>
  );
}
