import { Link } from '../app/Link';

export function NotFoundPage() {
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">See the models</Link>.
      </p>
    </div>
  );
}
