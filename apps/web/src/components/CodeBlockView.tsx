import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps, useEditorState } from '@tiptap/react';
import { useId } from 'react';
import { CODE_LANGUAGES, PLAIN_TEXT_LABEL } from '../editor/code-block-languages.ts';
import { codeLanguageOf } from '../editor/code-language.ts';
import '../styles/code.css';

/**
 * A code block with its language above the code: a picker while the caret is in the block
 * (and the document is editable), the language's name otherwise. Both sit in the same bar, so
 * the code does not move when the caret comes in. The choice is the node's `language`
 * attribute, so it reaches everyone through Yjs like any edit.
 */
export function CodeBlockView({ node, editor, getPos, updateAttributes }: ReactNodeViewProps) {
  const selectId = useId();
  const stored = typeof node.attrs.language === 'string' && node.attrs.language !== '' ? node.attrs.language : null;
  const known = codeLanguageOf(stored);
  // The picker's value: a language of the set by its id, or a name outside it as it is.
  const value = known?.id ?? stored ?? '';
  const label = known?.label ?? stored ?? PLAIN_TEXT_LABEL;

  const picking = useEditorState({
    editor,
    selector: ({ editor: current }) => {
      if (!current.isEditable) return false;
      const pos = getPos();
      if (typeof pos !== 'number') return false;
      const { from, to } = current.state.selection;
      const end = pos + (current.state.doc.nodeAt(pos)?.nodeSize ?? 0);
      return from > pos && to < end;
    },
  });

  return (
    <NodeViewWrapper className="code-block" data-language={known?.id ?? stored ?? undefined}>
      <div className="code-block__bar" contentEditable={false}>
        {picking ? (
          <>
            <label className="code-block__label" htmlFor={selectId}>
              Language
            </label>
            <select
              id={selectId}
              className="code-block__select"
              value={value}
              title="Language of this code block (Alt+F10 from the code; Escape goes back)"
              aria-keyshortcuts="Alt+F10"
              onKeyDown={(event) => {
                if (event.key !== 'Escape') return;
                event.preventDefault();
                editor.commands.focus();
              }}
              onChange={(event) => {
                updateAttributes({ language: event.target.value === '' ? null : event.target.value });
                // Back to the code, where the caret was.
                editor.commands.focus();
              }}
            >
              <option value="">{PLAIN_TEXT_LABEL}</option>
              {stored && !known && <option value={stored}>{stored}</option>}
              {CODE_LANGUAGES.map((language) => (
                <option key={language.id} value={language.id}>
                  {language.label}
                </option>
              ))}
            </select>
          </>
        ) : (
          <span className="code-block__name">{label}</span>
        )}
      </div>
      <pre>
        <NodeViewContent<'code'> as="code" className={known ? `hljs language-${known.id}` : undefined} />
      </pre>
    </NodeViewWrapper>
  );
}
