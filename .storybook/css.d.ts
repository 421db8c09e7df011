// Stylesheets are imported for their side effect only (Vite injects them); they export nothing.
declare module '*.css';
