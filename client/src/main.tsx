import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { applyLargeScreen, initialLargeScreen } from './components/LargeScreen.tsx';
import './styles.css';
// One stylesheet for every page, loaded with the app (not with each page's chunk), so the cascade
// never depends on which pages have been opened.
import './screens.css';
import './presentation.css';

applyLargeScreen(initialLargeScreen());

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
