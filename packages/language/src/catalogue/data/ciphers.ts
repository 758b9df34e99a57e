// Catalogue data: cipher suites, SSL V2 ciphers, elliptic curves, TLS 1.3 key share groups and
// signature algorithm pairs. Generated once from shared/reference/statements.json (cipherSuites,
// valueSets) and kept by hand since. Codes and names follow the IANA registries and the System SSL
// tables; most rows are recalled, those seen in IBM answers or real pasearch output are 'usage'.

import type { CipherSuiteSpec, CipherV2Spec, CodeSpec } from '../types.js';

/**
 * SSL V3 / TLS cipher suites: first the suites with a 2-character code (usable on V3CipherSuites),
 * then the suites that only have a 4-character code (V3CipherSuites4Char, or by constant name on
 * V3CipherSuites), ending with the TLS 1.3 suites 1301-1303.
 */
export const CIPHER_SUITES: CipherSuiteSpec[] = [
  { code4: '0000', code2: '00', name: 'TLS_NULL_WITH_NULL_NULL', certainty: 'recalled' },
  { code4: '0001', code2: '01', name: 'TLS_RSA_WITH_NULL_MD5', certainty: 'recalled' },
  { code4: '0002', code2: '02', name: 'TLS_RSA_WITH_NULL_SHA', certainty: 'recalled' },
  { code4: '0003', code2: '03', name: 'TLS_RSA_EXPORT_WITH_RC4_40_MD5', certainty: 'recalled' },
  { code4: '0004', code2: '04', name: 'TLS_RSA_WITH_RC4_128_MD5', certainty: 'recalled' },
  { code4: '0005', code2: '05', name: 'TLS_RSA_WITH_RC4_128_SHA', certainty: 'recalled' },
  { code4: '0006', code2: '06', name: 'TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5', certainty: 'recalled' },
  { code4: '0009', code2: '09', name: 'TLS_RSA_WITH_DES_CBC_SHA', certainty: 'recalled' },
  { code4: '000A', code2: '0A', name: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', certainty: 'usage' },
  { code4: '000C', code2: '0C', name: 'TLS_DH_DSS_WITH_DES_CBC_SHA', certainty: 'recalled' },
  { code4: '000D', code2: '0D', name: 'TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA', certainty: 'recalled' },
  { code4: '000F', code2: '0F', name: 'TLS_DH_RSA_WITH_DES_CBC_SHA', certainty: 'recalled' },
  { code4: '0010', code2: '10', name: 'TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA', certainty: 'recalled' },
  { code4: '0012', code2: '12', name: 'TLS_DHE_DSS_WITH_DES_CBC_SHA', certainty: 'recalled' },
  { code4: '0013', code2: '13', name: 'TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA', certainty: 'recalled' },
  { code4: '0015', code2: '15', name: 'TLS_DHE_RSA_WITH_DES_CBC_SHA', certainty: 'recalled' },
  { code4: '0016', code2: '16', name: 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA', certainty: 'recalled' },
  { code4: '002F', code2: '2F', name: 'TLS_RSA_WITH_AES_128_CBC_SHA', certainty: 'usage' },
  { code4: '0030', code2: '30', name: 'TLS_DH_DSS_WITH_AES_128_CBC_SHA', certainty: 'recalled' },
  { code4: '0031', code2: '31', name: 'TLS_DH_RSA_WITH_AES_128_CBC_SHA', certainty: 'recalled' },
  { code4: '0032', code2: '32', name: 'TLS_DHE_DSS_WITH_AES_128_CBC_SHA', certainty: 'recalled' },
  { code4: '0033', code2: '33', name: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA', certainty: 'recalled' },
  { code4: '0035', code2: '35', name: 'TLS_RSA_WITH_AES_256_CBC_SHA', certainty: 'recalled' },
  { code4: '0036', code2: '36', name: 'TLS_DH_DSS_WITH_AES_256_CBC_SHA', certainty: 'recalled' },
  { code4: '0037', code2: '37', name: 'TLS_DH_RSA_WITH_AES_256_CBC_SHA', certainty: 'recalled' },
  { code4: '0038', code2: '38', name: 'TLS_DHE_DSS_WITH_AES_256_CBC_SHA', certainty: 'recalled' },
  { code4: '0039', code2: '39', name: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA', certainty: 'recalled' },
  { code4: '003B', code2: '3B', name: 'TLS_RSA_WITH_NULL_SHA256', certainty: 'recalled' },
  { code4: '003C', code2: '3C', name: 'TLS_RSA_WITH_AES_128_CBC_SHA256', certainty: 'usage' },
  { code4: '003D', code2: '3D', name: 'TLS_RSA_WITH_AES_256_CBC_SHA256', certainty: 'usage' },
  { code4: '003E', code2: '3E', name: 'TLS_DH_DSS_WITH_AES_128_CBC_SHA256', certainty: 'recalled' },
  { code4: '003F', code2: '3F', name: 'TLS_DH_RSA_WITH_AES_128_CBC_SHA256', certainty: 'recalled' },
  { code4: '0040', code2: '40', name: 'TLS_DHE_DSS_WITH_AES_128_CBC_SHA256', certainty: 'recalled' },
  { code4: '0067', code2: '67', name: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256', certainty: 'recalled' },
  { code4: '0068', code2: '68', name: 'TLS_DH_DSS_WITH_AES_256_CBC_SHA256', certainty: 'recalled' },
  { code4: '0069', code2: '69', name: 'TLS_DH_RSA_WITH_AES_256_CBC_SHA256', certainty: 'recalled' },
  { code4: '006A', code2: '6A', name: 'TLS_DHE_DSS_WITH_AES_256_CBC_SHA256', certainty: 'recalled' },
  { code4: '006B', code2: '6B', name: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256', certainty: 'recalled' },
  { code4: '009C', code2: '9C', name: 'TLS_RSA_WITH_AES_128_GCM_SHA256', certainty: 'usage' },
  { code4: '009D', code2: '9D', name: 'TLS_RSA_WITH_AES_256_GCM_SHA384', certainty: 'usage' },
  { code4: '009E', code2: '9E', name: 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', certainty: 'recalled' },
  { code4: '009F', code2: '9F', name: 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', certainty: 'recalled' },
  { code4: '00A0', code2: 'A0', name: 'TLS_DH_RSA_WITH_AES_128_GCM_SHA256', certainty: 'recalled' },
  { code4: '00A1', code2: 'A1', name: 'TLS_DH_RSA_WITH_AES_256_GCM_SHA384', certainty: 'recalled' },
  { code4: '00A2', code2: 'A2', name: 'TLS_DHE_DSS_WITH_AES_128_GCM_SHA256', certainty: 'recalled' },
  { code4: '00A3', code2: 'A3', name: 'TLS_DHE_DSS_WITH_AES_256_GCM_SHA384', certainty: 'recalled' },
  { code4: '00A4', code2: 'A4', name: 'TLS_DH_DSS_WITH_AES_128_GCM_SHA256', certainty: 'recalled' },
  { code4: '00A5', code2: 'A5', name: 'TLS_DH_DSS_WITH_AES_256_GCM_SHA384', certainty: 'recalled' },
  { code4: 'C001', name: 'TLS_ECDH_ECDSA_WITH_NULL_SHA', certainty: 'recalled' },
  { code4: 'C002', name: 'TLS_ECDH_ECDSA_WITH_RC4_128_SHA', certainty: 'recalled' },
  { code4: 'C003', name: 'TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA', certainty: 'recalled' },
  { code4: 'C004', name: 'TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA', certainty: 'recalled' },
  { code4: 'C005', name: 'TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA', certainty: 'recalled' },
  { code4: 'C006', name: 'TLS_ECDHE_ECDSA_WITH_NULL_SHA', certainty: 'recalled' },
  { code4: 'C007', name: 'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA', certainty: 'recalled' },
  { code4: 'C008', name: 'TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA', certainty: 'recalled' },
  { code4: 'C009', name: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', certainty: 'recalled' },
  { code4: 'C00A', name: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA', certainty: 'recalled' },
  { code4: 'C00B', name: 'TLS_ECDH_RSA_WITH_NULL_SHA', certainty: 'recalled' },
  { code4: 'C00C', name: 'TLS_ECDH_RSA_WITH_RC4_128_SHA', certainty: 'recalled' },
  { code4: 'C00D', name: 'TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA', certainty: 'recalled' },
  { code4: 'C00E', name: 'TLS_ECDH_RSA_WITH_AES_128_CBC_SHA', certainty: 'recalled' },
  { code4: 'C00F', name: 'TLS_ECDH_RSA_WITH_AES_256_CBC_SHA', certainty: 'recalled' },
  { code4: 'C010', name: 'TLS_ECDHE_RSA_WITH_NULL_SHA', certainty: 'recalled' },
  { code4: 'C011', name: 'TLS_ECDHE_RSA_WITH_RC4_128_SHA', certainty: 'recalled' },
  { code4: 'C012', name: 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA', certainty: 'recalled' },
  { code4: 'C013', name: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', certainty: 'recalled' },
  { code4: 'C014', name: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', certainty: 'recalled' },
  { code4: 'C023', name: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', certainty: 'usage' },
  { code4: 'C024', name: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384', certainty: 'usage' },
  { code4: 'C025', name: 'TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256', certainty: 'recalled' },
  { code4: 'C026', name: 'TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384', certainty: 'recalled' },
  { code4: 'C027', name: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', certainty: 'usage' },
  { code4: 'C028', name: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384', certainty: 'usage' },
  { code4: 'C029', name: 'TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256', certainty: 'recalled' },
  { code4: 'C02A', name: 'TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384', certainty: 'recalled' },
  { code4: 'C02B', name: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', certainty: 'usage' },
  { code4: 'C02C', name: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', certainty: 'usage' },
  { code4: 'C02D', name: 'TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256', certainty: 'recalled' },
  { code4: 'C02E', name: 'TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384', certainty: 'recalled' },
  { code4: 'C02F', name: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', certainty: 'usage' },
  { code4: 'C030', name: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', certainty: 'usage' },
  { code4: 'C031', name: 'TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256', certainty: 'recalled' },
  { code4: 'C032', name: 'TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384', certainty: 'recalled' },
  { code4: '1301', name: 'TLS_AES_128_GCM_SHA256', tls13: true, certainty: 'recalled' },
  { code4: '1302', name: 'TLS_AES_256_GCM_SHA384', tls13: true, certainty: 'recalled' },
  { code4: '1303', name: 'TLS_CHACHA20_POLY1305_SHA256', tls13: true, certainty: 'recalled' },
];

/**
 * Anonymous and export suites of the IANA registry that the System SSL table above does not list.
 * A policy that codes one is still asking for a suite without authentication or with export-grade
 * keys, so attls names them (weak-cipher reports them) rather than calling them unknown. Only
 * 4-character codes are kept: a 2-character code XY is the 4-character code 00XY.
 */
export const IANA_ONLY_SUITES: readonly { readonly code4: string; readonly name: string }[] = [
  { code4: '0008', name: 'TLS_RSA_EXPORT_WITH_DES40_CBC_SHA' },
  { code4: '000B', name: 'TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA' },
  { code4: '000E', name: 'TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA' },
  { code4: '0011', name: 'TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA' },
  { code4: '0014', name: 'TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA' },
  { code4: '0017', name: 'TLS_DH_anon_EXPORT_WITH_RC4_40_MD5' },
  { code4: '0018', name: 'TLS_DH_anon_WITH_RC4_128_MD5' },
  { code4: '0019', name: 'TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA' },
  { code4: '001A', name: 'TLS_DH_anon_WITH_DES_CBC_SHA' },
  { code4: '001B', name: 'TLS_DH_anon_WITH_3DES_EDE_CBC_SHA' },
  { code4: '0034', name: 'TLS_DH_anon_WITH_AES_128_CBC_SHA' },
  { code4: '003A', name: 'TLS_DH_anon_WITH_AES_256_CBC_SHA' },
  { code4: '006C', name: 'TLS_DH_anon_WITH_AES_128_CBC_SHA256' },
  { code4: '006D', name: 'TLS_DH_anon_WITH_AES_256_CBC_SHA256' },
  { code4: '00A6', name: 'TLS_DH_anon_WITH_AES_128_GCM_SHA256' },
  { code4: '00A7', name: 'TLS_DH_anon_WITH_AES_256_GCM_SHA384' },
  { code4: 'C015', name: 'TLS_ECDH_anon_WITH_NULL_SHA' },
  { code4: 'C016', name: 'TLS_ECDH_anon_WITH_RC4_128_SHA' },
  { code4: 'C017', name: 'TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA' },
  { code4: 'C018', name: 'TLS_ECDH_anon_WITH_AES_128_CBC_SHA' },
  { code4: 'C019', name: 'TLS_ECDH_anon_WITH_AES_256_CBC_SHA' },
];

/**
 * SSL V2 cipher specs (1-character codes for V2CipherSuites). IBM's TTLSCipherParms table writes
 * the constants with a TLS_ prefix (reference notes, section 9); SSL_ is accepted as an alias. The
 * codes and the names after the prefix are recalled from System SSL, not read from IBM's table.
 */
export const CIPHERS_V2: CipherV2Spec[] = [
  { code: '1', name: 'TLS_RC4_128_WITH_MD5', certainty: 'recalled' },
  { code: '2', name: 'TLS_RC4_128_EXPORT40_WITH_MD5', certainty: 'recalled' },
  { code: '3', name: 'TLS_RC2_CBC_128_CBC_WITH_MD5', certainty: 'recalled' },
  { code: '4', name: 'TLS_RC2_CBC_128_CBC_EXPORT40_WITH_MD5', certainty: 'recalled' },
  { code: '6', name: 'TLS_DES_64_CBC_WITH_MD5', certainty: 'recalled' },
  { code: '7', name: 'TLS_DES_192_EDE3_CBC_WITH_MD5', certainty: 'recalled' },
];

/**
 * Elliptic curves for ClientECurves and ServerKexECurves: 4-digit DECIMAL IANA group numbers
 * padded with zeros (0023 is group 23, secp256r1), not hex. Rows shown by pasearch are 'usage'.
 */
export const CURVES: CodeSpec[] = [
  { code: '0019', name: 'secp192r1', certainty: 'usage' },
  { code: '0021', name: 'secp224r1', certainty: 'usage' },
  { code: '0023', name: 'secp256r1', certainty: 'usage' },
  { code: '0024', name: 'secp384r1', certainty: 'usage' },
  { code: '0025', name: 'secp521r1', certainty: 'usage' },
  { code: '0026', name: 'brainpoolP256r1', certainty: 'recalled' },
  { code: '0027', name: 'brainpoolP384r1', certainty: 'recalled' },
  { code: '0028', name: 'brainpoolP512r1', certainty: 'recalled' },
  { code: '0029', name: 'X25519', certainty: 'usage' },
  { code: '0030', name: 'X448', certainty: 'usage' },
];

/** TLS 1.3 key share groups for ClientKeyShareGroups and ServerKeyShareGroups (same decimal coding as CURVES). */
export const KEY_SHARE_GROUPS: CodeSpec[] = [
  { code: '0023', name: 'secp256r1', certainty: 'usage' },
  { code: '0024', name: 'secp384r1', certainty: 'usage' },
  { code: '0025', name: 'secp521r1', certainty: 'usage' },
  { code: '0029', name: 'X25519', certainty: 'usage' },
  { code: '0030', name: 'X448', certainty: 'usage' },
];

/**
 * Signature algorithm pairs for SignaturePairs, SignaturePairsCert, OcspRequestSigalg,
 * OcspResponseSigAlgPairs and CrlSigAlgPairs: 4 HEX digits (hash byte, then signature byte for the
 * TLS 1.2 style pairs). Names of the 'usage' rows are as pasearch displays them.
 */
export const SIGNATURE_PAIRS: CodeSpec[] = [
  { code: '0601', name: 'TLS_SIGALG_SHA512_WITH_RSA', certainty: 'usage' },
  { code: '0603', name: 'TLS_SIGALG_SHA512_WITH_ECDSA', certainty: 'usage' },
  { code: '0501', name: 'TLS_SIGALG_SHA384_WITH_RSA', certainty: 'usage' },
  { code: '0503', name: 'TLS_SIGALG_SHA384_WITH_ECDSA', certainty: 'usage' },
  { code: '0401', name: 'TLS_SIGALG_SHA256_WITH_RSA', certainty: 'usage' },
  { code: '0403', name: 'TLS_SIGALG_SHA256_WITH_ECDSA', certainty: 'usage' },
  { code: '0402', name: 'TLS_SIGALG_SHA256_WITH_DSA', certainty: 'usage' },
  { code: '0301', name: 'TLS_SIGALG_SHA224_WITH_RSA', certainty: 'usage' },
  { code: '0303', name: 'TLS_SIGALG_SHA224_WITH_ECDSA', certainty: 'usage' },
  { code: '0302', name: 'TLS_SIGALG_SHA224_WITH_DSA', certainty: 'usage' },
  { code: '0201', name: 'TLS_SIGALG_SHA1_WITH_RSA', certainty: 'usage' },
  { code: '0203', name: 'TLS_SIGALG_SHA1_WITH_ECDSA', certainty: 'usage' },
  { code: '0202', name: 'TLS_SIGALG_SHA1_WITH_DSA', certainty: 'usage' },
  { code: '0101', name: 'MD5 with RSA', certainty: 'recalled' },
  { code: '0804', name: 'rsa_pss_rsae_sha256', certainty: 'recalled' },
  { code: '0805', name: 'rsa_pss_rsae_sha384', certainty: 'recalled' },
  { code: '0806', name: 'rsa_pss_rsae_sha512', certainty: 'recalled' },
  { code: '0809', name: 'rsa_pss_pss_sha256', certainty: 'recalled' },
  { code: '080A', name: 'rsa_pss_pss_sha384', certainty: 'recalled' },
  { code: '080B', name: 'rsa_pss_pss_sha512', certainty: 'recalled' },
];
