import { describe, expect, it } from 'vitest';
import { clearLoginFailures, isLoginThrottled, recordLoginFailure } from './login-throttle.js';

describe('login throttle', () => {
  it('refuses after ten failures within ten minutes, per username and address', () => {
    const t = 1_000_000;
    for (let i = 0; i < 9; i++) recordLoginFailure('Zhang', '10.0.0.1', t);
    expect(isLoginThrottled('zhang', '10.0.0.1', t)).toBe(false);
    recordLoginFailure('zhang', '10.0.0.1', t);
    expect(isLoginThrottled('zhang', '10.0.0.1', t + 1000)).toBe(true);
    expect(isLoginThrottled('zhang', '10.0.0.2', t + 1000)).toBe(false);
    expect(isLoginThrottled('zhang', '10.0.0.1', t + 10 * 60_000 + 1)).toBe(false);
  });
  it('forgets failures after a successful login', () => {
    for (let i = 0; i < 10; i++) recordLoginFailure('li', null);
    clearLoginFailures('li', null);
    expect(isLoginThrottled('li', null)).toBe(false);
  });
});
