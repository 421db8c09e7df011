import '@testing-library/jest-dom/vitest';
import { execFileSync } from 'node:child_process';
import { type Provider, wriftai } from '@predictkit/core';
import { replicate } from '@predictkit/core/replicate';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalServerKit } from '../stories/withLocalServer';
import { codeSamples } from './codeSamples';
import { PredictionCode } from './PredictionCode';

afterEach(cleanup);

// Quotes of both kinds, a backslash, newlines and a tab, a shell's `$` and backticks, letters of other
// scripts, an emoji (a surrogate pair), a lone surrogate, control and separator characters.
const tricky = {
  prompt: `It's "quoted" \\ back\nslash\r\n\ttab $HOME \`whoami\` '; rm -rf / #`,
  unicode: 'café 東京 😀 \u2028 \u0000 \u007f end',
  lone: '\ud800x',
  'key with "quotes"': [1, 2.5, -0.001, true, false, null, { nested: "it's" }],
  empty: {},
  none: [],
};
const sample = (provider: Provider, id: string, input: Record<string, unknown> = tricky) =>
  codeSamples({ provider, model: 'acme/echo:3', input }).find((s) => s.id === id)?.code as string;

const run = (command: string, args: string[], stdin?: string) =>
  execFileSync(command, args, { input: stdin, encoding: 'utf8' });

describe('codeSamples', () => {
  it('offers cURL, TypeScript and the official client of each service', () => {
    const labels = (p: Provider) =>
      codeSamples({ provider: p, model: 'acme/echo', input: {} }).map((s) => s.label);
    expect(labels(wriftai)).toEqual(['cURL', 'TypeScript', 'Python']);
    expect(labels(replicate)).toEqual(['cURL', 'TypeScript', 'JavaScript']);
    expect(labels({ ...wriftai, name: 'Elsewhere' })).toEqual(['cURL', 'TypeScript']);
  });

  it('writes the input as TypeScript that evaluates to exactly it', () => {
    const code = sample(wriftai, 'typescript');
    const literal = code.slice(code.indexOf("'acme/echo:3', ") + 15, code.lastIndexOf(');\nconsole'));
    expect(code).toContain("nested: 'it\\'s'");
    expect(new Function(`return ${literal}`)()).toEqual(tricky);
  });

  it('writes the input as a Python dict that is exactly it', () => {
    const code = sample(wriftai, 'python');
    const literal = code.slice(code.indexOf('"input": ') + 9, code.indexOf(',\n    },\n    wait=True'));
    // Python prints it back as JSON, with every character escaped, and the lone surrogate kept as one.
    const json = run('python3', ['-c', `import json,sys; sys.stdout.write(json.dumps(${literal}))`]);
    expect(JSON.parse(json)).toEqual(tricky);
    expect(code).toContain('model="acme/echo:3"');
    expect(code).toContain('os.environ["WRIFTAI_ACCESS_TOKEN"]');
    // The whole program is valid Python.
    run('python3', ['-c', `import ast,sys; ast.parse(sys.stdin.read())`], code);
  });

  it('writes a cURL command whose body the shell passes on as the JSON of the input', () => {
    const code = sample(wriftai, 'curl');
    const body = code.slice(code.indexOf('-d ') + 3, code.lastIndexOf(' \\\n'));
    const sent = run('sh', ['-c', `printf '%s' ${body}`]);
    expect(JSON.parse(sent)).toEqual(JSON.parse(JSON.stringify({ input: tricky })));
    expect(code).toContain("'https://api.wrift.ai/v1/models/acme/echo/versions/3/predictions'");
    expect(code).toContain('-H "Authorization: Bearer $WRIFTAI_ACCESS_TOKEN"');
  });

  it("follows each service's own request: Replicate's version in the body, its token variable", () => {
    const version = 'a'.repeat(64);
    const [curl, ts, js] = codeSamples({
      provider: replicate,
      model: `acme/echo:${version}`,
      input: { n: 1 },
    });
    expect(curl?.code).toContain("'https://api.replicate.com/v1/predictions'");
    expect(curl?.code).toContain(`"version": "acme/echo:${version}"`);
    expect(curl?.code).toContain('$REPLICATE_API_TOKEN');
    expect(ts?.code).toContain("import { createClient } from '@predictkit/core/replicate';");
    expect(js?.code).toContain("import Replicate from 'replicate';");
    expect(js?.code).toContain('auth: process.env.REPLICATE_API_TOKEN');
  });

  it('never holds a token, whatever the client was given', () => {
    for (const provider of [wriftai, replicate]) {
      for (const { code } of codeSamples({ provider, model: 'acme/echo', input: { token: 'x' } })) {
        expect(code).not.toMatch(/Bearer [^$]/);
        expect(code).toContain(provider.env.token);
      }
    }
  });

  it('points at another base URL when given one', () => {
    const [curl, ts, py] = codeSamples({
      provider: wriftai,
      model: 'acme/echo',
      input: {},
      baseUrl: 'http://127.0.0.1:8787/v1/',
    });
    expect(curl?.code).toContain("'http://127.0.0.1:8787/v1/models/acme/echo/predictions'");
    expect(ts?.code).toContain("baseUrl: 'http://127.0.0.1:8787/v1'");
    expect(py?.code).toContain('api_base_url="http://127.0.0.1:8787/v1"');
  });

  it('refuses what it cannot write code for, saying what it wanted', () => {
    expect(() => codeSamples({ provider: wriftai, model: 'acme/echo', input: 'hi' as never })).toThrow(
      'codeSamples: `input` must be an object of the model\'s inputs, got "hi".',
    );
    expect(() => codeSamples({ provider: {} as Provider, model: 'acme/echo', input: {} })).toThrow(
      'codeSamples: `provider` must be a PredictKit provider',
    );
    expect(() => codeSamples({ provider: wriftai, model: 'acme/echo', input: {}, baseUrl: '/api' })).toThrow(
      'codeSamples: `baseUrl` must be an absolute http(s) URL, got "/api".',
    );
    expect(() => codeSamples({ provider: wriftai, model: 'not a model', input: {} })).toThrow(TypeError);
  });
});

describe('PredictionCode', () => {
  it('shows the code of a prediction made on the local server, in tabs the keyboard moves through, each copyable', async () => {
    const kit = createLocalServerKit();
    try {
      const user = userEvent.setup();
      const writeText = vi.spyOn(navigator.clipboard, 'writeText');
      const created = await kit.client.request('POST', '/models/predictkit/echo/predictions', {
        body: { input: { text: 'héllo "you"' } },
      });
      const prediction = kit.client.provider.mapPrediction(created, 'test');
      render(<PredictionCode prediction={prediction} />, { wrapper: kit.wrapper });
      const tabs = screen.getAllByRole('tab');
      expect(tabs.map((t) => t.textContent)).toEqual(['cURL', 'TypeScript', 'Python']);
      expect(screen.getByRole('tabpanel', { name: 'cURL' })).toHaveTextContent(
        `/v1/models/predictkit/echo/versions/${prediction.model.version_number}/predictions`,
      );
      tabs[0]?.focus();
      await user.keyboard('{ArrowRight}');
      expect(screen.getByRole('tab', { name: 'TypeScript' })).toHaveFocus();
      expect(screen.getByRole('tab', { name: 'TypeScript' })).toHaveAttribute('aria-selected', 'true');
      await user.keyboard('{End}');
      const python = screen.getByRole('tabpanel', { name: 'Python' });
      expect(python).toHaveTextContent('"text": "héllo \\"you\\""');
      await user.click(screen.getByRole('button', { name: 'Copy' }));
      expect(writeText.mock.calls[0]?.[0]).toContain('wriftai.predictions.create(');
      screen.getByRole('tab', { name: 'Python' }).focus();
      await user.keyboard('{ArrowRight}');
      expect(screen.getByRole('tab', { name: 'cURL' })).toHaveFocus();
    } finally {
      await kit.close();
    }
  });

  it('says what it needs before there is a prediction', () => {
    render(<PredictionCode provider={wriftai} />);
    expect(screen.getByText('Run the model to see the code that makes its prediction.')).toBeInTheDocument();
  });

  it('writes no code for a prediction whose input the service removed, and says so', () => {
    const model = { owner: 'predictkit', name: 'echo' };
    render(<PredictionCode provider={replicate} prediction={{ model, input: {}, data_removed: true }} />);
    expect(screen.queryByRole('tab')).toBeNull();
    expect(screen.getByText(/^Removed by the service/)).toBeInTheDocument();
  });
});
