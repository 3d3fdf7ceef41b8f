/** The contribution form, loaded when first opened: it checks answers with the shared zod schemas. */
import { lazyForm } from '../forms/lazyForm.tsx';

export const contributionForm = lazyForm(() => import('./ContributionForm.tsx').then((m) => m.ContributionForm));
