// Generates large policies in the verbose style configuration tools produce: every rule with its
// own group, environment and connection actions and their parameter blocks written out in full.
import { random } from '../support/random.js';

export interface GenerateOptions {
  readonly rules: number;
  /** Seed for the pseudo-random choices, so figures are comparable between runs. */
  readonly seed?: number;
}

const CIPHERS = [
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_AES_128_GCM_SHA256',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_RSA_WITH_AES_256_GCM_SHA384',
];

/** About 46 lines and 1.4 KB per rule: 2,000 rules make roughly 93,000 lines and 2.8 MB. */
export function generatePolicy(options: GenerateOptions): string {
  const rnd = random(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const out: string[] = [];
  out.push('##################################################################');
  out.push(`# Generated AT-TLS policy: ${options.rules} rules`);
  out.push('##################################################################');
  for (let i = 0; i < options.rules; i++) {
    const n = String(i).padStart(5, '0');
    const inbound = rnd() < 0.6;
    const port = 1024 + Math.floor(rnd() * 60000);
    const job = `J${n.slice(1)}${pick(['', '*'])}`;
    const server = inbound;
    out.push(`# Rule ${i}: ${inbound ? 'inbound server' : 'outbound client'} for ${job}`);
    out.push(`TTLSRule                    Rule_${n}~${inbound ? 'Srv' : 'Cli'}`);
    out.push('{');
    out.push(`  LocalAddr                 ${inbound ? `10.${(i >> 8) & 255}.${i & 255}.1` : 'All'}`);
    out.push(`  RemoteAddr                ${inbound ? 'All' : `192.168.${(i >> 8) & 255}.0/24`}`);
    if (inbound) out.push(`  LocalPortRange            ${port}`);
    else out.push(`  RemotePortRange           ${port}-${port + Math.floor(rnd() * 10)}`);
    out.push(`  Jobname                   ${job}`);
    out.push(`  Direction                 ${inbound ? 'Inbound' : 'Outbound'}`);
    out.push(`  Priority                  ${1 + Math.floor(rnd() * 5000)}`);
    out.push(`  TTLSGroupActionRef        gAct_${n}`);
    out.push(`  TTLSEnvironmentActionRef  eAct_${n}`);
    out.push(`  TTLSConnectionActionRef   cAct_${n}`);
    out.push('}');
    out.push(`TTLSGroupAction             gAct_${n}`);
    out.push('{');
    out.push('  TTLSEnabled               On');
    out.push('}');
    out.push(`TTLSEnvironmentAction       eAct_${n}`);
    out.push('{');
    out.push(`  HandshakeRole             ${server ? pick(['Server', 'ServerWithClientAuth']) : 'Client'}`);
    out.push(`  TTLSKeyringParmsRef       key_${n}`);
    out.push(`  TTLSEnvironmentAdvancedParmsRef eAdv_${n}`);
    out.push('}');
    out.push(`TTLSEnvironmentAdvancedParms eAdv_${n}`);
    out.push('{');
    out.push('  TLSv1                     Off');
    out.push('  TLSv1.1                   Off');
    out.push('  TLSv1.2                   On');
    out.push(`  TLSv1.3                   ${pick(['On', 'Off'])}`);
    if (server) out.push(`  ClientAuthType            ${pick(['Required', 'Full', 'SAFCheck'])}`);
    out.push('}');
    out.push(`TTLSConnectionAction        cAct_${n}`);
    out.push('{');
    out.push(`  HandshakeRole             ${server ? 'Server' : 'Client'}`);
    out.push(`  TTLSCipherParmsRef        cipher_${n}`);
    out.push('}');
    out.push(`TTLSKeyringParms            key_${n}`);
    out.push('{');
    out.push(`  Keyring                   USER${n.slice(1)}/RING${n}`);
    out.push('}');
    out.push(`TTLSCipherParms             cipher_${n}`);
    out.push('{');
    const count = 3 + Math.floor(rnd() * 3);
    for (let c = 0; c < count; c++) out.push(`  V3CipherSuites            ${CIPHERS[(c + i) % CIPHERS.length]}`);
    out.push('}');
  }
  out.push('');
  return out.join('\n');
}
