import { splitMentions } from '../lib/comment-mentions.ts';

/** A comment's text exactly as written (line breaks kept, no markup), "@Name" emphasized. */
export function CommentBody({ body, mentionNames }: { body: string; mentionNames: readonly string[] }) {
  return (
    <p className="comment__body">
      {splitMentions(body, mentionNames).map((part, index) =>
        part.mention ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one body never move; the index is their identity.
          <strong key={index} className="comment__mention">
            {part.text}
          </strong>
        ) : (
          part.text
        ),
      )}
    </p>
  );
}
