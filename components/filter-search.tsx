import { cn } from '@/lib/cn';
import { MAX_SEARCH_LENGTH } from '@/lib/validations/search-params';
import { controlClass } from './ui/input';
import { Label } from './ui/label';

/**
 * One labelled search box of a GET filter form, with a line saying what it matches (read out with
 * the box). Enter submits the form, as in any form with a submit button.
 */
export function FilterSearch(props: { id: string; name: string; label: string; hint: string; placeholder?: string; value?: string; className?: string }) {
  const hintId = `${props.id}-hint`;
  return (
    <div className={cn('space-y-1.5', props.className)}>
      <Label htmlFor={props.id}>{props.label}</Label>
      <input
        id={props.id}
        name={props.name}
        type="search"
        defaultValue={props.value ?? ''}
        placeholder={props.placeholder}
        maxLength={MAX_SEARCH_LENGTH}
        autoComplete="off"
        spellCheck={false}
        aria-describedby={hintId}
        className={controlClass}
      />
      <p id={hintId} className="text-xs text-slate-500">
        {props.hint}
      </p>
    </div>
  );
}
