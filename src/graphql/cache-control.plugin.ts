import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

/** A plugin as the Apollo driver takes it (Nest loads Apollo's ES module build; its types differ from the CommonJS ones). */
type Plugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/**
 * Apollo's default cache-control plugin wraps every field resolver (scalars
 * included) to collect cache hints. This API declares none, so every answer was
 * `cache-control: no-store` anyway: the plugin is replaced by setting that header
 * once per response, which saves a hook call and a promise per field.
 */
export function noStoreCacheControlPlugins(): Plugin[] {
  return [
    // A marker object Apollo recognises by its properties, so the CommonJS build's works for the ES one.
    ApolloServerPluginCacheControlDisabled() as unknown as Plugin,
    {
      async requestDidStart() {
        return {
          async willSendResponse({ response }: { response: { http: { headers: Map<string, string> } } }) {
            if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
          },
        };
      },
    },
  ];
}
