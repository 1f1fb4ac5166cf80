import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { setUnauthorizedHandler } from '../api/client';

const PUBLIC_PATHS = ['/login', '/setup'];

/** Sends the user to /login whenever an authenticated API call answers 401. */
export function UnauthorizedRedirect() {
  const navigate = useNavigate();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const { pathname, search } = window.location;
      if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return;
      void navigate('/login', { replace: true, state: { from: pathname + search, expired: true } });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate]);
  return null;
}
