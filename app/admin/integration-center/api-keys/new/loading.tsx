export { FormPageSkeleton as default } from '@/components/page-skeleton';
