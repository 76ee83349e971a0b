import { smtpTimeouts, smtpTransportUrl } from './mailer.js';

const query = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('SMTP timeouts bounded by the outbox lease', () => {
  it.each<[number, number, number, number]>([
    [60_000, 10_000, 10_000, 20_000],
    [3_600_000, 10_000, 10_000, 20_000],
    [6_000, 1_000, 1_000, 2_000],
    [1_000, 166, 166, 332],
  ])('a %i ms lease: connection %i, greeting %i, silence %i ms', (lease, connection, greeting, socket) => {
    const timeouts = smtpTimeouts(lease);
    expect(timeouts).toEqual({ connectionTimeout: connection, greetingTimeout: greeting, socketTimeout: socket });
    // A send that gives up in every phase still ends within the lease.
    expect(connection + greeting + socket).toBeLessThan(lease);
  });

  it('adds the timeouts to SMTP_URL, keeping its other settings', () => {
    const url = smtpTransportUrl('smtp://user:secret@mail.example:587/?pool=true', 60_000);
    expect(url.startsWith('smtp://user:secret@mail.example:587/')).toBe(true);
    expect(query(url)).toEqual({
      pool: 'true',
      connectionTimeout: '10000',
      greetingTimeout: '10000',
      socketTimeout: '20000',
    });
  });

  it('keeps a shorter timeout given in SMTP_URL and caps a longer one', () => {
    const url = smtpTransportUrl('smtp://mail.example/?socketTimeout=5000&connectionTimeout=600000', 60_000);
    expect(query(url)).toMatchObject({ socketTimeout: '5000', connectionTimeout: '10000' });
  });

  it.each(['0', 'abc', '-5'])('ignores a meaningless timeout (%s) in SMTP_URL', (value) => {
    expect(query(smtpTransportUrl(`smtp://mail.example/?greetingTimeout=${value}`, 60_000)).greetingTimeout).toBe(
      '10000',
    );
  });
});
