import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { registerAppShell } from './lib/app-shell.ts';
import { createQueryClient } from './lib/query-client.ts';
import { applyTheme } from './lib/theme.ts';
import './styles/base.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/doc-list.css';
import './styles/doc-bar.css';
import './styles/editor.css';
import './styles/prose.css';
import './styles/prose-blocks.css';
import './styles/auth.css';
import './styles/share.css';
import './styles/notifications.css';
import './styles/search.css';
import './styles/trash.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// index.html already set the theme inline; this covers a page that skipped that script.
applyTheme();
registerAppShell();

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
