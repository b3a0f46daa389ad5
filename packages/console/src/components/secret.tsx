// A secret shown once: readable, selectable, copyable, and clearly never shown again.
import { useId, useRef, useState, type ReactNode } from 'react';

export function SecretReveal({
  label,
  value,
  children,
}: {
  label: string;
  value: string;
  children?: ReactNode;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // No clipboard permission: select it so Ctrl+C works.
      input.current?.select();
      setCopied('no');
    }
  };

  return (
    <section className="secret" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="secret-title">
        {label}
      </p>
      <p className="secret-note">
        Copy it now and keep it somewhere safe: <strong>it will not be shown again.</strong>
      </p>
      <div className="secret-row">
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        <input
          ref={input}
          id={id}
          className="secret-value"
          readOnly
          value={value}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="secret-value"
        />
        <button type="button" className="btn" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p className="secret-feedback" aria-live="polite">
        {copied === 'yes' ? 'Copied to the clipboard.' : null}
        {copied === 'no' ? 'Selected: press Ctrl+C (⌘C) to copy.' : null}
      </p>
      {children}
    </section>
  );
}
