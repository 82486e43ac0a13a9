import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/databases.js';
import { startTestApp, type Client, type TestApp } from '../support/app.js';
import { buildOrg, buildTenant, buildUser, loginAs, type BuiltOrg } from '../support/factories.js';

/** Control characters, lone surrogates and odd file names (security issue, defect 4 and the upload check). */
describe.each(testEngines())('hostile text on $name', (engine) => {
  let t: TestApp;
  let county: BuiltOrg;
  let sys: Client;
  let organization: Client;
  let leader: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const city = await buildTenant(t);
    county = await buildOrg(t, { parent: city });
    sys = await loginAs(t, await buildUser(t, { role: 'sysadmin', scope: 'all', org: city }));
    organization = await loginAs(t, await buildUser(t, { role: 'organization', scope: 'all', org: city }));
    leader = await loginAs(t, await buildUser(t, { role: 'leader', scope: 'all', org: city }));
  });
  afterAll(async () => t?.close());

  const refusesNaming = async (c: Client, method: 'POST' | 'PATCH', url: string, body: Record<string, unknown>, field: string) => {
    const res = await c.request(method, url, body);
    expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation', field });
    expect(res.json().error.message).toMatch(/控制字符|无效的 Unicode/);
    const en = await c.request(method, url, body, { 'accept-language': 'en' });
    expect(en.json().error.message).toMatch(/control characters|invalid Unicode/);
  };

  it('NUL, other C0 characters and lone surrogates are refused with 400 naming the field on the five routes that answered 500', async () => {
    const person = (await organization.request('POST', '/api/people', { orgId: county.id, name: '张三' })).json();
    const indicator = await organization.request('POST', '/api/assessment/indicators', {
      code: 'T-NUL',
      name: '测试指标',
      domain: 'economy',
      direction: 'higher_better',
      visibility: 'visible',
    });
    expect(indicator.statusCode).toBe(201);
    const target = await buildUser(t, { role: 'handler', scope: 'own', org: county });
    const userVersion = (await sys.request('GET', `/api/users/${target.id}`)).json().version;
    const orgVersion = (await sys.request('GET', `/api/orgs/${county.id}`)).json().version;

    for (const bad of ['a\u0000b', 'a\u0007b', 'a\tb', 'a\nb', 'a\ud800b', 'a\udc00b']) {
      await refusesNaming(
        leader,
        'POST',
        '/api/ledger/items',
        { title: bad, category: 'formalism', source: 'self_inspection', orgId: county.id },
        'title',
      );
      await refusesNaming(organization, 'PATCH', `/api/people/${person.id}`, { name: bad, version: person.version }, 'name');
      await refusesNaming(sys, 'PATCH', `/api/orgs/${county.id}`, { name: bad, version: orgVersion }, 'name');
      await refusesNaming(sys, 'PATCH', `/api/users/${target.id}`, { displayName: bad, version: userVersion }, 'displayName');
      await refusesNaming(
        organization,
        'PATCH',
        `/api/assessment/indicators/${indicator.json().id}`,
        { name: bad, version: indicator.json().version },
        'name',
      );
    }
    // Nested fields are named by their path; search terms too.
    await refusesNaming(
      leader,
      'POST',
      '/api/ledger/items',
      { title: '正常', category: 'formalism', source: 'self_inspection', orgId: county.id, tags: ['ok', 'x\u0000'] },
      'tags.1',
    );
    const search = await leader.request('GET', '/api/ledger/items?q=%00');
    expect(search.statusCode).toBe(400);
    expect(search.json().error.field).toBe('q');
    // Nothing was written.
    expect((await leader.request('GET', '/api/ledger/items')).json().total).toBe(0);
    expect((await organization.request('GET', `/api/people/${person.id}`)).json().name).toBe('张三');
  });

  it('a multi-line field keeps its tabs and line breaks; a surrogate pair (an emoji) is fine', async () => {
    const res = await leader.request('POST', '/api/ledger/items', {
      title: '村道 🚧 未修复',
      description: '第一行\n\t第二行\r\n第三行',
      category: 'formalism',
      source: 'self_inspection',
      orgId: county.id,
    });
    expect(res.statusCode).toBe(201);
    const item = (await leader.request('GET', `/api/ledger/items/${res.json().id}`)).json();
    expect(item.title).toBe('村道 🚧 未修复');
    expect(item.description).toBe('第一行\n\t第二行\r\n第三行');
  });

  it('an upload’s file name loses its folders and control characters, and downloads under the cleaned name', async () => {
    const item = (
      await leader.request('POST', '/api/ledger/items', {
        title: '附件名检查',
        category: 'formalism',
        source: 'self_inspection',
        orgId: county.id,
      })
    ).json();
    const res = await leader.upload(`/api/ledger/items/${item.id}/evidence`, {
      fileName: '..\\..\\windows/../../etc/照片<1>|.png',
      mimeType: 'image/png',
      content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    });
    expect(res.statusCode, res.body).toBe(201);
    const evidence = (res.json().evidence as { id: number; fileName: string }[])[0];
    if (!evidence) throw new Error('no evidence');
    expect(evidence.fileName).toBe('照片1.png');
    const download = await leader.request('GET', `/api/ledger/items/${item.id}/evidence/${evidence.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toBe(`inline; filename*=UTF-8''${encodeURIComponent('照片1.png')}`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    const fieldWithNul = await leader.upload(
      `/api/ledger/items/${item.id}/evidence`,
      { fileName: 'a.png', mimeType: 'image/png', content: Buffer.from([0x89, 0x50]) },
      { note: 'x\u0000y' },
    );
    expect(fieldWithNul.statusCode).toBe(400);
    expect(fieldWithNul.json().error.field).toBe('note');
  });
});
