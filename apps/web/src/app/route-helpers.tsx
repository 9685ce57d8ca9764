import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import type { Permission } from '@kefu/shared';
import { FullPageSpin } from '../ui/FullPageSpin';
import { RequirePermission } from './auth/RequirePermission';

/** React.lazy for named exports: every page file exports its component by name. */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

/** A route element: lazy page behind a permission check (any of `anyOf`). */
export function page(element: ReactNode, anyOf?: Permission[]) {
  const content = <Suspense fallback={<FullPageSpin />}>{element}</Suspense>;
  return anyOf ? <RequirePermission anyOf={anyOf}>{content}</RequirePermission> : content;
}

