import type { TagTone } from '../../platform/views/Tag.tsx';
import type { PostStatus } from './posts.tables.ts';

export const postStatusNames: Record<PostStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted for publication',
  returned: 'Returned for changes',
  published: 'Published',
  closed: 'Closed',
};

export const postStatusTones: Record<PostStatus, TagTone> = { draft: 'neutral', submitted: 'blue', returned: 'amber', published: 'green', closed: 'neutral' };
