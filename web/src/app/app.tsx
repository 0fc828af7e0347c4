import { useState } from 'react';
import { RouterProvider } from 'react-router-dom';
import { SessionProvider } from '../features/accounts/session/session-context.js';
import { createAppRouter } from './router.js';

export function App() {
  const [router] = useState(createAppRouter);
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
