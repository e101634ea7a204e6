import { answerGithubReport } from '@/lib/leaked-keys/github-endpoint';
import { onlyPost } from '@/lib/leaked-keys/report-request';

// GitHub's secret scanning partner protocol (SPEC §11): signed, so outside the /api/v1 key guard.
export const POST = (request: Request) => answerGithubReport(request);
export { onlyPost as GET, onlyPost as PUT, onlyPost as PATCH, onlyPost as DELETE };
