import { useEffect, useRef, type RefObject } from 'react';

/**
 * The inline "are you sure?" step before something that cannot be undone: the question, a confirm button that
 * takes the focus, and cancel (Escape too). Focus goes back to `returnFocus` (the button that opened it) when the
 * step closes either way, so a keyboard user stays where they were.
 */
export function ConfirmInline({
  question,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  returnFocus,
  className = 'chat-confirm',
}: {
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  returnFocus?: RefObject<HTMLElement | null>;
  className?: string;
}) {
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirmButton.current?.focus();
  }, []);
  const close = (then: () => void) => {
    then();
    requestAnimationFrame(() => returnFocus?.current?.focus());
  };

  return (
    <div className={className} role="group" aria-label={question} onKeyDown={(e) => e.key === 'Escape' && close(onCancel)}>
      <p>{question}</p>
      <div className="item-actions">
        <button ref={confirmButton} type="button" className="button button-small button-danger" onClick={() => close(onConfirm)}>
          {confirmLabel}
        </button>
        <button type="button" className="button button-small button-secondary" onClick={() => close(onCancel)}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
