import { Link } from '../app/Link';
import { useDocumentTitle } from '../app/useDocumentTitle';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">See the models</Link>.
      </p>
    </div>
  );
}
