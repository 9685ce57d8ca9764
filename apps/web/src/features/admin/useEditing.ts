import { useState } from 'react';

/** Which row a page's dialog edits: null = closed, 'new' = creating, a row = editing it. */
export function useEditing<T>() {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  return {
    editing,
    isOpen: editing !== null,
    row: editing !== null && editing !== 'new' ? editing : null,
    openNew: () => setEditing('new'),
    openEdit: (row: T) => setEditing(row),
    close: () => setEditing(null),
  };
}
