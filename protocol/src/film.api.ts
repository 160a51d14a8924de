import { z } from 'zod';
import { idSchema, slugSchema } from './agenda.ts';
import { endpoint } from './endpoint.ts';
import { filmSchema } from './film.ts';

const bySlug = z.object({ slug: slugSchema });
const bySlugAndId = z.object({ slug: slugSchema, id: idSchema });

/** Films for the stage: upload, list, remove: the endpoints, spread into `api`. */
export const filmApi = {
  listFilms: endpoint({
    method: 'GET', path: '/api/events/:slug/films', tag: 'films', summary: 'The event’s films, newest first (moderators)',
    params: bySlug, body: undefined, response: z.array(filmSchema),
  }),
  uploadFilm: endpoint({
    method: 'POST', path: '/api/events/:slug/films', tag: 'films',
    summary: 'Upload a film: one `file` part, MP4 or WebM by its bytes, up to the server’s size limit (organiser)',
    params: bySlug, bodyType: 'multipart/form-data',
    body: z.object({ file: z.string().meta({ format: 'binary', description: 'The film (video/mp4 or video/webm); its name is kept as display text only' }) }),
    response: filmSchema, status: 201,
  }),
  deleteFilm: endpoint({
    method: 'DELETE', path: '/api/events/:slug/films/:id', tag: 'films', summary: 'Remove a film; a stage playing it stops (organiser)',
    params: bySlugAndId, body: undefined, response: z.null(), status: 204,
  }),
  filmFile: endpoint({
    method: 'GET', path: '/api/events/:slug/films/:id/file', tag: 'films', summary: 'A film’s bytes, with Range support so players can seek (members of the event)',
    params: bySlugAndId, body: undefined, response: z.string().meta({ format: 'binary' }), produces: 'bytes',
  }),
} satisfies Record<string, ReturnType<typeof endpoint>>;

