import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CertificateFileError, readPemCertificate } from '../../src/auth/certificate';
import { createClientCertificate, type ClientCertificateFile } from '../../sandbox/client-certificate';

let one: ClientCertificateFile;
let other: ClientCertificateFile;
beforeAll(() => {
  one = createClientCertificate('one');
  other = createClientCertificate('other');
});
afterAll(() => {
  one.remove();
  other.remove();
});

const keyOf = (file: ClientCertificateFile) => readFileSync(file.path, 'utf8').replace(file.certificatePem, '');
const write = (name: string, text: string) => {
  const path = join(one.path, '..', name);
  writeFileSync(path, text);
  return path;
};

describe('readPemCertificate', () => {
  it('reads the key and the SHA-256 thumbprint of the certificate MSAL sends as x5t#S256', () => {
    const cert = readPemCertificate(one.path);
    expect(cert.thumbprintSha256).toBe(
      createHash('sha256').update(new X509Certificate(one.certificatePem).raw).digest('hex'),
    );
    expect(cert.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('refuses a file without a private key, one without a certificate, and a key of another certificate, without echoing key material', () => {
    expect(() => readPemCertificate(write('cert-only.pem', one.certificatePem))).toThrow(/holds no PEM private key/);
    expect(() => readPemCertificate(write('key-only.pem', keyOf(one)))).toThrow(/holds no PEM certificate/);
    const mismatched = write('mismatched.pem', `${one.certificatePem}${keyOf(other)}`);
    expect(() => readPemCertificate(mismatched)).toThrow(CertificateFileError);
    try {
      readPemCertificate(mismatched);
    } catch (error) {
      expect((error as Error).message).toMatch(/does not belong to the certificate/);
      expect((error as Error).message).not.toMatch(/BEGIN/);
    }
  });
});
