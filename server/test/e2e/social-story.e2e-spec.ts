import { launchFactsOf, shareQueryOf } from '@weshop/shared';
import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';
import { startStack, type Stack } from '../support/stack';

/**
 * The whole social story over HTTP: a distributor posts in a community with a product tag and
 * shares the post into a WeChat group; a shopper opens the card (scene 1044 with a share ticket),
 * reads the post, taps the tagged product and buys. The order records the group chat, the
 * opengid, the post and the distributor; the shopper is bound to the distributor, who earns L1.
 */

let stack: Stack;
let given: ReturnType<typeof shop>;
const db = () => stack.server.app.get(PrismaService).client;
const call = (method: string, path: string, token?: string, body?: unknown) =>
  http(stack.baseUrl, method, path, { token, body });

beforeAll(async () => {
  stack = await startStack({ label: 'social_story', seed: true });
  given = shop(stack);
});
afterAll(async () => stack?.close());

it('group card → post by a distributor → tagged product → order attributed to the group, the post and the distributor', async () => {
  const admin = (await loginAs(stack.baseUrl, 'admin')).token;
  const settings = (await call('GET', '/api/v1/admin/settings/distribution', admin)).body;
  await call('PUT', '/api/v1/admin/settings/distribution', admin, {
    ...settings,
    application: { autoApprove: true, minSpend: 0 },
  });

  // The distributor (a KOL) joins the community and posts a note tagging a product.
  const kol = await loginAs(stack.baseUrl, 'story-kol');
  const code = (await call('POST', '/api/v1/distribution/apply', kol.token, {})).body.code as string;
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  const community = (await call('POST', '/api/v1/admin/communities', admin, { name: '好物分享群' })).body;
  expect((await call('POST', `/api/v1/communities/${community.id}/join`, kol.token, {})).status).toBe(200);
  const sku = await given.skuWithStock(10, 15_800);
  const post = await call('POST', '/api/v1/posts', kol.token, {
    communityId: community.id,
    type: 'NOTE',
    text: '这款保温杯我用了一个月，推荐给大家',
    images: [],
    productIds: [sku.productId],
  });
  expect(post.status).toBe(201);
  expect(post.body.status).toBe('PUBLISHED');

  // The KOL shares the post into a WeChat group: the card's path carries the post and the ref.
  const sharePath = { id: post.body.id, ...shareQueryOf({ ref: code, postId: post.body.id }) };
  expect(launchFactsOf(sharePath)).toMatchObject({ ref: code, postId: Number(post.body.id) });

  // A shopper opens the card from the group (scene 1044, with the share ticket of that group).
  const shopper = await loginAs(stack.baseUrl, 'story-shopper');
  const shopperId = Number(shopper.user.id);
  const { openid } = await db().user.findUniqueOrThrow({ where: { id: shopperId } });
  const ticket = await http(stack.sandboxUrl, 'POST', '/sandbox/group-enter-info', {
    body: { openid, opengid: 'tGstoryGroup_42' },
  });
  const launched = await call('POST', '/api/v1/launch', shopper.token, {
    scene: 1044,
    path: 'subpackages/community/post/index',
    query: sharePath,
    shareTicket: { encryptedData: ticket.body.encryptedData, iv: ticket.body.iv },
  });
  expect(launched.body).toMatchObject({ source: 'GROUP_CHAT', bound: { distributorCode: code } });

  // Reads the post and taps its tagged product: the product page carries the author's ref and the post.
  const read = await call('GET', `/api/v1/posts/${post.body.id}`, shopper.token);
  const tag = read.body.products[0];
  expect(tag.path).toContain(`ref=${code}`);
  expect(tag.path).toContain(`postId=${post.body.id}`);

  // Buys it.
  const addressId = await given.addressFor(shopper.token);
  const order = await given.order(shopper.token, { items: [{ skuId: sku.skuId, quantity: 1 }], addressId });
  expect(order.status).toBe(201);
  await given.pay(shopper.token, order.body.id);
  await given.waitForStatus(shopper.token, order.body.id, ['TO_SHIP']);

  const attribution = await db().orderAttribution.findUniqueOrThrow({ where: { orderId: Number(order.body.id) } });
  expect(attribution).toMatchObject({
    source: 'GROUP_CHAT',
    opengid: 'tGstoryGroup_42',
    postId: Number(post.body.id),
    ref: code,
    sharerId: Number(kol.user.id),
  });
  const binding = await db().customerBinding.findUniqueOrThrow({ where: { customerId: shopperId } });
  expect(binding.distributorId).toBe(Number(kol.user.id));
  const commission = await db().commission.findFirstOrThrow({ where: { orderId: Number(order.body.id), level: 1 } });
  expect(commission).toMatchObject({ beneficiaryId: Number(kol.user.id), status: 'PENDING' });
});
