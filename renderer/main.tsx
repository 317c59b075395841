import { createRoot } from 'react-dom/client';
import { App } from './App';
import { StartupGate } from './screens/Startup';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StartupGate>
    <App />
  </StartupGate>,
);
