import { Badge } from '../ui/badge';
import { mailKindLabel } from './describe-mail';

/** What a message is about; security notices stand out from usage notices. */
export function MailKindBadge({ kind }: { kind: string }) {
  const { label, tone } = mailKindLabel(kind);
  return <Badge tone={tone}>{label}</Badge>;
}
