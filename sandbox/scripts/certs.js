'use strict';
// Fresh local CA + loopback leaf certificate for the sandbox emulators, generated on every run.
// Node trusts the CA through NODE_EXTRA_CA_CERTS (set by `npm run jest`); TLS checks are never disabled.
const fs = require('node:fs');
const path = require('node:path');
const forge = require('node-forge');

const CERTS_DIR = path.join(__dirname, '..', '..', '.sandbox', 'certs');
const DAY_MS = 24 * 60 * 60 * 1000;

function newCertificate(publicKey, subject, issuer, days) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(15));
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + days * DAY_MS);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  return cert;
}

function createCa() {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const subject = [
    { name: 'commonName', value: 'Reprocess Sandbox Local CA' },
    { name: 'organizationName', value: 'Reprocess Sandbox' },
  ];
  const cert = newCertificate(keys.publicKey, subject, subject, 30);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert, keys };
}

function createLeaf(ca) {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const subject = [{ name: 'commonName', value: 'localhost' }];
  const cert = newCertificate(keys.publicKey, subject, ca.cert.subject.attributes, 30);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.keys.privateKey, forge.md.sha256.create());
  return { cert, keys };
}

/** Writes ca.pem, cert.pem and key.pem (fresh every call) into `dir`; returns the paths. */
function generateSandboxCerts(dir = CERTS_DIR) {
  const ca = createCa();
  const leaf = createLeaf(ca);
  fs.mkdirSync(dir, { recursive: true });
  const files = { ca: path.join(dir, 'ca.pem'), cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem') };
  fs.writeFileSync(files.ca, forge.pki.certificateToPem(ca.cert));
  fs.writeFileSync(files.cert, forge.pki.certificateToPem(leaf.cert));
  fs.writeFileSync(files.key, forge.pki.privateKeyToPem(leaf.keys.privateKey), { mode: 0o600 });
  return files;
}

module.exports = { generateSandboxCerts, CERTS_DIR };

if (require.main === module) {
  const files = generateSandboxCerts();
  process.stdout.write(`sandbox certificates written to ${path.dirname(files.ca)}\n`);
}
