import { useEffect, useRef } from 'react';

/** USWDS step indicator; its heading names the current step and takes focus when the step changes. */
export function StepIndicator({ steps, current, label }: { steps: string[]; current: number; label: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // The screen heading takes focus when the wizard opens; later steps move focus here.
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus();
  }, [current]);
  return (
    <section className="usa-step-indicator usa-step-indicator--counters-sm" aria-label={label}>
      <ol className="usa-step-indicator__segments">
        {steps.map((s, i) => {
          const state = i < current ? 'complete' : i === current ? 'current' : '';
          return (
            <li
              key={s}
              className={`usa-step-indicator__segment${state ? ` usa-step-indicator__segment--${state}` : ''}`}
              aria-current={i === current ? 'step' : undefined}
            >
              <span className="usa-step-indicator__segment-label">
                {s}
                {i < current && <span className="usa-sr-only"> completed</span>}
                {i > current && <span className="usa-sr-only"> not completed</span>}
              </span>
            </li>
          );
        })}
      </ol>
      <div className="usa-step-indicator__header">
        <h2 className="usa-step-indicator__heading" ref={ref} tabIndex={-1}>
          <span className="usa-step-indicator__heading-counter">
            <span className="usa-sr-only">Step</span>
            <span className="usa-step-indicator__current-step">{current + 1}</span>{' '}
            <span className="usa-step-indicator__total-steps">of {steps.length}</span>
          </span>{' '}
          <span className="usa-step-indicator__heading-text">{steps[current]}</span>
        </h2>
      </div>
    </section>
  );
}
