import { PostForm } from './forms.tsx';

// "Move up" and "Move down" for one item of an ordered list: two small POST forms (no JavaScript
// needed), each naming the item for screen readers. The first item has no "up", the last no "down".
export function MoveButtons(props: { csrfToken: string; action: string; itemName: string; first: boolean; last: boolean }) {
  return (
    <>
      {!props.first && (
        <PostForm action={props.action} csrfToken={props.csrfToken} class="inline-form">
          <button type="submit" class="button button--secondary button--small" name="direction" value="up">
            Move up<span class="visually-hidden">: {props.itemName}</span>
          </button>
        </PostForm>
      )}{' '}
      {!props.last && (
        <PostForm action={props.action} csrfToken={props.csrfToken} class="inline-form">
          <button type="submit" class="button button--secondary button--small" name="direction" value="down">
            Move down<span class="visually-hidden">: {props.itemName}</span>
          </button>
        </PostForm>
      )}
    </>
  );
}
