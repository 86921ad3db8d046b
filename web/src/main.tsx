import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { fetchQueueEarly } from './screens/Now.tsx';
import './styles.css';

if (/^(#\/?(now)?)?$/.test(location.hash)) fetchQueueEarly();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
