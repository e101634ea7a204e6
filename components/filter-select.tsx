import { cn } from '@/lib/cn';
import { controlClass } from './ui/input';
import { Label } from './ui/label';

export type FilterOption = { value: string; label: string };

/** One labelled select of a GET filter form; the empty first option turns the filter off. */
export function FilterSelect(props: { id: string; name: string; label: string; allLabel: string; options: FilterOption[]; value?: string; className?: string }) {
  return (
    <div className={cn('space-y-1.5', props.className)}>
      <Label htmlFor={props.id}>{props.label}</Label>
      <select id={props.id} name={props.name} defaultValue={props.value ?? ''} className={controlClass}>
        <option value="">{props.allLabel}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
