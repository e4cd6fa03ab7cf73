import type { ReactNode } from "react";

/**
 * One large choice button that is a real radio input: one choice per item, arrow keys move
 * within the group, and a screen reader says "赞成, radio, 1 of 3, checked". It shows ✓ and
 * the word, never colour alone; `look` gives its size and its colours in each state.
 */
export function ChoiceRadio({
  name,
  value,
  checked,
  disabled,
  onSelect,
  look,
  children,
}: {
  name: string;
  value: string;
  checked: boolean;
  disabled?: boolean;
  onSelect: () => void;
  look: string;
  children: ReactNode;
}) {
  return (
    <label
      className={`flex cursor-pointer items-center justify-center gap-1 rounded-lg border-2 px-1 text-lg font-bold select-none has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-blue-700 ${look}`}
    >
      <input type="radio" className="sr-only" name={name} value={value} checked={checked} disabled={disabled} onChange={onSelect} />
      {checked && <span aria-hidden="true">✓</span>}
      {children}
    </label>
  );
}
