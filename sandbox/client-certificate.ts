import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as forge from 'node-forge';

/** A self-signed client certificate in one PEM file (certificate + private key), as Azure tooling exports it. */
export interface ClientCertificateFile {
  /** File with both blocks: what BOT_CERTIFICATE_PATH / AAD_APP_CERTIFICATE_PATH point at. */
  path: string;
  /** The certificate alone: what is uploaded to the app registration (its public part). */
  certificatePem: string;
  remove(): void;
}

/** Creates a fresh RSA-2048 self-signed certificate for `subject`, valid a day either side of now. */
export function createClientCertificate(subject: string): ClientCertificateFile {
  // Node generates the key (fast, native); forge only assembles and signs the X.509 structure.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(keyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const name = [{ name: 'commonName', value: subject }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.sign(key, forge.md.sha256.create());
  const certificatePem = forge.pki.certificateToPem(cert);
  const dir = mkdtempSync(join(tmpdir(), 'reprocess-client-cert-'));
  const path = join(dir, 'client.pem');
  writeFileSync(path, `${certificatePem}${keyPem}`, { mode: 0o600 });
  return { path, certificatePem, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
