import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { schedulesApi } from './schedulesApi';

/** The draft list and the selected draft (the newest one until the user picks another). */
export function useDraftSelection() {
  const list = useQuery({ queryKey: ['schedules', 'drafts'], queryFn: schedulesApi.drafts });
  const [id, setId] = useState<number>();
  useEffect(() => {
    if (id === undefined && list.data?.length) setId(list.data[0]!.id);
  }, [list.data, id]);
  const detail = useQuery({ queryKey: ['schedules', 'draft', id], queryFn: () => schedulesApi.draft(id!), enabled: id !== undefined });
  return { list, id, setId, detail };
}
