import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { applyLargeScreen, initialLargeScreen } from './components/LargeScreen.tsx';
import './styles.css';

applyLargeScreen(initialLargeScreen());

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
