import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { LocaleProvider } from './i18n';
import { Root } from './app/Root';
import './app/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');
createRoot(container).render(
  <StrictMode>
    <LocaleProvider>
      <BrowserRouter>
        <Root />
      </BrowserRouter>
    </LocaleProvider>
  </StrictMode>,
);
