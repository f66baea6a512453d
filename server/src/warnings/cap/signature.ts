import { X509Certificate } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { ApiException } from '../../common/api-exception';
import { CapError } from './cap-error';
import { DSIG_NS } from './cap-schema';

/** A certificate an admin trusts for one feed, parsed once. */
export interface TrustedCert {
  pem: string;
  /** e.g. "CN=NWS IPAWS, O=… (SHA-256 AB:CD:…)" */
  label: string;
  fingerprint: string;
}

export type SignatureState = 'verified' | 'unchecked' | 'absent';

export interface SignatureCheck {
  state: SignatureState;
  /** The trusted certificate that verified it. */
  by: string | null;
}

/** Parses PEM certificates (one or several per string); a bad one is a clear 400. */
export function parseTrusted(
  pems: readonly string[],
  path = 'body.trustedCertificates',
): TrustedCert[] {
  const out: TrustedCert[] = [];
  pems.forEach((text, i) => {
    const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
    if (!blocks)
      throw new CapError(
        'VALIDATION_FAILED',
        `${path}[${i}] is not a PEM certificate`,
        `${path}[${i}]`,
        400,
      );
    for (const pem of blocks) {
      let c: X509Certificate;
      try {
        c = new X509Certificate(pem);
      } catch (e) {
        throw new CapError(
          'VALIDATION_FAILED',
          `${path}[${i}] is not a readable X.509 certificate (${e instanceof Error ? e.message : String(e)})`,
          `${path}[${i}]`,
          400,
        );
      }
      const subject = c.subject.split('\n').join(', ');
      out.push({
        pem,
        fingerprint: c.fingerprint256,
        label: `${subject} (SHA-256 ${c.fingerprint256})`,
      });
    }
  });
  return out;
}

/** Admin input: every string must hold readable PEM certificates (400 otherwise). */
export function checkCertificates(pems: readonly string[]): void {
  try {
    parseTrusted(pems);
  } catch (e) {
    if (e instanceof CapError) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', e.message, e.path);
    }
    throw e;
  }
}

/** What the admin sees of each trusted certificate (never the PEM back). */
export function certificateLabels(pems: readonly string[]): string[] {
  try {
    return parseTrusted(pems).map((c) => c.label);
  } catch {
    return pems.map(() => '(unreadable certificate)');
  }
}

const refuse = (message: string): CapError =>
  new CapError('CAP_SIGNATURE_INVALID', message, 'alert.Signature', 422);

/**
 * Verifies the enveloped signature of a CAP alert against the feed's trusted certificates
 * (pinned: the certificate in KeyInfo is never trusted by itself). The text has already passed
 * guardXml and the CAP parser, so no DTD, entity or over-limit input reaches the DOM parser.
 * Only a signature over the whole alert counts: one Reference, URI="" (or the root's Id), with
 * the enveloped-signature transform, so nothing outside the signed content can be shown.
 */
export function verifySignature(
  xml: string,
  signed: boolean,
  trusted: readonly TrustedCert[],
): SignatureCheck {
  if (!signed) {
    if (trusted.length) {
      throw new CapError(
        'CAP_SIGNATURE_MISSING',
        'This feed has trusted certificates and requires a signed alert; the message has no <ds:Signature>',
        'alert.Signature',
        422,
      );
    }
    return { state: 'absent', by: null };
  }
  if (!trusted.length) return { state: 'unchecked', by: null };
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  type Named = { nodeType: number; namespaceURI: string | null; localName: string | null };
  const sigNode = root
    ? Array.from(root.childNodes as ArrayLike<unknown>).find((x) => {
        const n = x as Named;
        return n.nodeType === 1 && n.namespaceURI === DSIG_NS && n.localName === 'Signature';
      })
    : undefined;
  if (!root || !sigNode) throw refuse('The <ds:Signature> could not be read');
  const rootId = root.getAttribute('Id') ?? root.getAttribute('ID') ?? root.getAttribute('id');
  let lastError = 'does not verify';
  for (const cert of trusted) {
    const sig = new SignedXml({ publicCert: cert.pem, getCertFromKeyInfo: () => null });
    try {
      sig.loadSignature(sigNode as unknown as Node);
      const refs = sig.getReferences();
      const whole =
        refs.length === 1 &&
        (refs[0]!.isEmptyUri ||
          refs[0]!.uri === '' ||
          (rootId !== null && refs[0]!.uri === `#${rootId}`));
      if (
        !whole ||
        !refs[0]!.transforms.includes('http://www.w3.org/2000/09/xmldsig#enveloped-signature')
      ) {
        throw refuse(
          'The signature must cover the whole alert (one Reference URI="" with the enveloped-signature transform)',
        );
      }
      if (sig.checkSignature(xml)) return { state: 'verified', by: cert.label };
      lastError = 'a signed part of the alert was changed after signing';
    } catch (e) {
      if (e instanceof CapError) throw e;
      const why = e instanceof Error ? e.message : String(e);
      lastError = /signature value/i.test(why)
        ? 'it was not made with the key of a trusted certificate'
        : why.slice(0, 200);
    }
  }
  throw refuse(
    `The signature does not verify against any of the feed's ${trusted.length} trusted certificate(s): ${lastError}`,
  );
}
