import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import '@fontsource-variable/noto-sans-sc';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import { App } from './App';
import { initI18n } from './i18n';
import { AuthProvider } from './modules/auth/state/AuthProvider';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// Render only once the catalogue is in, so no frame shows raw keys.
void initI18n().then(() => {
  createRoot(container).render(
    <StrictMode>
      <BrowserRouter>
        <AuthProvider>
          <App />
        </AuthProvider>
      </BrowserRouter>
    </StrictMode>,
  );
});
