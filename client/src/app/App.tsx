import { useEffect } from 'react';
import { useStore } from '../store/index.ts';
import { BareLayout, Layout } from './Layout.tsx';
import { resolveRoute } from './routes.tsx';
import { useLocation } from './router.tsx';

export function App() {
  const location = useLocation();
  const route = resolveRoute(location.pathname);
  const lang = useStore((s) => s.lang);
  const loadMe = useStore((s) => s.loadMe);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(() => {
    void loadMe();
  }, [loadMe]);

  if (route.bare) return <BareLayout route={route}>{route.render()}</BareLayout>;
  return <Layout route={route}>{route.render()}</Layout>;
}
