import type { CertificateKeyPair, Flow, OAuth2Provider, OAuthSource, OtherProvider, PropertyMapping, ScopeMapping } from './model-types';
import { makeFlow, makeKeyPair, makeOAuthSource, makeScopeMapping, numberedUuid } from './object-factories';
import { providerType } from './provider-types';
import { FIXED_IDS, IdMap } from './random-ids';
import { createSeedObjects } from './seed';

/** The tables a UUID reference can point into. */
export type RelatedTable = 'flows' | 'keyPairs' | 'propertyMappings' | 'oauthSources';

/** The server's database: plain arrays, rebuilt from the seed on reset. */
export class Store {
  providers = new Map<number, OAuth2Provider>();
  flows: Flow[] = [];
  keyPairs: CertificateKeyPair[] = [];
  scopeMappings: ScopeMapping[] = [];
  /** Property mappings of every kind but scope mappings. */
  otherPropertyMappings: PropertyMapping[] = [];
  oauthSources: OAuthSource[] = [];
  otherProviders: OtherProvider[] = [];
  private nextProviderPk = 1;
  private generated = 0;

  /**
   * `id` gives every UUID the store makes: the fixed ones, or fresh random ones.
   * `providerInvalidationFlow`: the seed has the default provider invalidation flow (2024.10.0 on).
   */
  constructor(
    private readonly seeded: boolean,
    private readonly id: IdMap = FIXED_IDS,
    private readonly providerInvalidationFlow = false,
  ) {
    this.reset();
  }

  reset(): void {
    this.providers.clear();
    this.generated = 0;
    if (!this.seeded) {
      this.flows = [];
      this.keyPairs = [];
      this.scopeMappings = [];
      this.otherPropertyMappings = [];
      this.oauthSources = [];
      this.otherProviders = [];
    } else {
      const seed = createSeedObjects(this.id);
      const { providerInvalidation, ...flows } = seed.flows;
      this.flows = [...Object.values(flows), ...(this.providerInvalidationFlow ? [providerInvalidation] : [])];
      this.keyPairs = Object.values(seed.keyPairs);
      this.scopeMappings = Object.values(seed.scopeMappings);
      this.otherPropertyMappings = Object.values(seed.propertyMappings);
      this.oauthSources = Object.values(seed.sources);
      this.otherProviders = seed.otherProviders;
    }
    // Provider pks come from one sequence shared by every provider type.
    this.nextProviderPk = Math.max(0, ...this.otherProviders.map((p) => p.pk)) + 1;
  }

  takeProviderPk(): number {
    return this.nextProviderPk++;
  }

  /** Property mappings of every kind, as PropertyMapping.objects sees them. */
  allPropertyMappings(): PropertyMapping[] {
    return [...this.scopeMappings, ...this.otherPropertyMappings];
  }

  /** The server checks only that the object exists, not its kind (any property mapping, any key pair). */
  exists(table: RelatedTable, uuid: string): boolean {
    const rows: { pk: string }[] = table === 'propertyMappings' ? this.allPropertyMappings() : this[table];
    return rows.some((row) => row.pk === uuid);
  }

  /** Provider names are unique across all provider types. */
  providerNameTaken(name: string, exceptPk?: number): boolean {
    if (this.otherProviders.some((p) => p.name === name)) return true;
    return [...this.providers.values()].some((p) => p.name === name && p.pk !== exceptPk);
  }

  clientIdTaken(clientId: string, exceptPk?: number): boolean {
    return [...this.providers.values()].some((p) => p.client_id === clientId && p.pk !== exceptPk);
  }

  addFlows(count: number, designation: Flow['designation']): Flow[] {
    return this.generate(count, (n) => {
      const label = String(n).padStart(4, '0');
      return makeFlow({
        pk: this.id(numberedUuid('f1000000', n)),
        policyBindingModelPk: this.id(numberedUuid('f1100000', n)),
        name: `Test flow ${label}`,
        slug: `test-flow-${label}`,
        title: `Test flow ${label}`,
        designation,
      });
    }, this.flows);
  }

  addKeyPairs(count: number, withKey: boolean): CertificateKeyPair[] {
    return this.generate(count, (n) => {
      const name = `Test certificate ${String(n).padStart(4, '0')}`;
      return makeKeyPair({ pk: this.id(numberedUuid('c2000000', n)), name, withKey, subject: `CN=${name}`, expiry: '2030-01-01T00:00:00Z' });
    }, this.keyPairs);
  }

  addScopeMappings(count: number): ScopeMapping[] {
    return this.generate(count, (n) => {
      const scope = `test_scope_${String(n).padStart(4, '0')}`;
      return makeScopeMapping({ pk: this.id(numberedUuid('a3000000', n)), name: `Test mapping '${scope}'`, scopeName: scope, expression: 'return {}', description: '' });
    }, this.scopeMappings);
  }

  addOAuthSources(count: number, withJwks: boolean): OAuthSource[] {
    return this.generate(count, (n) => {
      const label = String(n).padStart(4, '0');
      return makeOAuthSource({
        pk: this.id(numberedUuid('b4000000', n)),
        name: `Test source ${label}`,
        slug: `test-source-${label}`,
        providerType: 'openidconnect',
        consumerKey: `test-source-${label}`,
        jwks: withJwks ? { keys: [{ kty: 'oct', kid: label, k: 'c2VjcmV0' }] } : {},
      });
    }, this.oauthSources);
  }

  addOtherProvider(name: string, type: string): OtherProvider {
    providerType(type); // an unknown type fails here, not when the list renders it
    const flow = this.flows.find((f) => f.designation === 'authorization');
    const provider: OtherProvider = { pk: this.takeProviderPk(), name, type, authorization_flow: flow?.pk ?? null };
    this.otherProviders.push(provider);
    return provider;
  }

  private generate<T>(count: number, make: (n: number) => T, into: T[]): T[] {
    const made = Array.from({ length: count }, () => make(++this.generated));
    into.push(...made);
    return made.map((item) => structuredClone(item));
  }
}
