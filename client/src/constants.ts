export const LANGUAGE_ID = 'authentik-oauth2provider';
