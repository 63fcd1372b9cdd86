import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A client certificate as MSAL takes it: the private key (PEM), the certificate's SHA-256 thumbprint and its PEM. */
export interface PemCertificate {
  privateKey: string;
  /** Hex SHA-256 of the certificate's DER, sent as `x5t#S256` (SHA-1 `x5t` is deprecated). */
  thumbprintSha256: string;
  certificate: string;
}

/** A certificate file the bot cannot use; the message says what is wrong without echoing key material. */
export class CertificateFileError extends Error {
  override readonly name = 'CertificateFileError';
}

const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PRIVATE_KEY =
  /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

/**
 * Reads a PEM file holding a certificate and its unencrypted private key (the layout @azure/identity's
 * `certificatePath` expects), so the bot's channel credential and its OBO credential read the same files.
 */
export function readPemCertificate(path: string): PemCertificate {
  const pem = readFileSync(path, 'utf8');
  const certificate = CERTIFICATE.exec(pem)?.[0];
  const privateKey = PRIVATE_KEY.exec(pem)?.[0];
  if (!certificate) throw new CertificateFileError(`${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  if (!privateKey) throw new CertificateFileError(`${path} holds no PEM private key (-----BEGIN PRIVATE KEY-----)`);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(certificate);
    // Fails on an encrypted key or a key that is not PEM: the bot has no passphrase to offer.
    if (!x509.checkPrivateKey(createPrivateKey(privateKey)))
      throw new CertificateFileError(`${path}: the private key does not belong to the certificate`);
  } catch (error) {
    if (error instanceof CertificateFileError) throw error;
    throw new CertificateFileError(
      `${path}: the certificate or its private key cannot be read (an unencrypted PEM key is required)`,
    );
  }
  return { privateKey, certificate, thumbprintSha256: createHash('sha256').update(x509.raw).digest('hex') };
}
