// Destructive actions ask first, in a modal dialog whose confirming button is confirm-yes.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

interface Question {
  title: string;
  body?: ComponentChildren;
  confirmLabel: string;
  /** What must be typed before confirm-yes works (erasing a member: their login id). */
  typeToConfirm?: { label: string; expected: string };
  answer(yes: boolean): void;
}

/** `confirm(...)` opens the dialog and answers whether the officer said yes; render `dialog`. */
export function useConfirm() {
  const [question, setQuestion] = useState<Question | null>(null);
  const confirm = (asked: Omit<Question, 'answer'>) =>
    new Promise<boolean>((resolve) => setQuestion({ ...asked, answer: (yes) => (setQuestion(null), resolve(yes)) }));
  return { confirm, dialog: question && <ConfirmDialog question={question} /> };
}

function ConfirmDialog({ question }: { question: Question }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const ready = !question.typeToConfirm || typed.trim() === question.typeToConfirm.expected;
  return (
    <dialog ref={ref} class="confirm" aria-labelledby="confirm-title" onCancel={() => question.answer(false)}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) question.answer(true);
        }}
      >
        <h2 id="confirm-title">{question.title}</h2>
        {question.body}
        {question.typeToConfirm && (
          <label>
            {question.typeToConfirm.label}
            <input data-testid="confirm-typed" value={typed} onInput={(event) => setTyped(event.currentTarget.value)} autocomplete="off" autocapitalize="none" />
          </label>
        )}
        <div class="actions">
          <button type="submit" class="primary danger-fill" data-testid="confirm-yes" disabled={!ready}>
            {question.confirmLabel}
          </button>
          <button type="button" data-testid="confirm-no" onClick={() => question.answer(false)}>
            취소
          </button>
        </div>
      </form>
    </dialog>
  );
}
