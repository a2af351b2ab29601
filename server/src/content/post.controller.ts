import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import {
  CommentCreateRequest,
  CommentIdParam,
  CommentListQuery,
  CommunityIdParam,
  CursorQuery,
  PostCreateRequest,
  PostFeedQuery,
  PostIdParam,
  PostUpdateRequest,
  ReportRequest,
} from '@weshop/shared';
import { CurrentUser, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { CommentService } from './comment.service';
import { PostService } from './post.service';
import { ReactionService } from './reaction.service';

/** 内容 for users: feeds, posts, likes, favourites, comments, reports. */
@Controller('api/v1')
export class PostController {
  constructor(
    @Inject(PostService) private readonly posts: PostService,
    @Inject(ReactionService) private readonly reactions: ReactionService,
    @Inject(CommentService) private readonly comments: CommentService,
  ) {}

  @Get('communities/:id/posts')
  communityFeed(
    @CurrentUser() caller: Caller,
    @Param(zod(CommunityIdParam)) params: CommunityIdParam,
    @Query(zod(CursorQuery)) query: CursorQuery,
  ) {
    return this.posts.communityFeed(caller.userId, Number(params.id), query);
  }

  @Get('posts')
  feed(@CurrentUser() caller: Caller, @Query(zod(PostFeedQuery)) query: PostFeedQuery) {
    return this.posts.feed(caller.userId, query);
  }

  @Post('posts')
  @HttpCode(201)
  create(@CurrentUser() caller: Caller, @Body(zod(PostCreateRequest)) body: PostCreateRequest) {
    return this.posts.create(caller.userId, body);
  }

  @Get('posts/:id')
  get(@CurrentUser() caller: Caller, @Param(zod(PostIdParam)) params: PostIdParam) {
    return this.posts.get(caller.userId, Number(params.id));
  }

  @Patch('posts/:id')
  update(
    @CurrentUser() caller: Caller,
    @Param(zod(PostIdParam)) params: PostIdParam,
    @Body(zod(PostUpdateRequest)) body: PostUpdateRequest,
  ) {
    return this.posts.update(caller.userId, Number(params.id), body);
  }

  @Delete('posts/:id')
  remove(@CurrentUser() caller: Caller, @Param(zod(PostIdParam)) params: PostIdParam) {
    return this.posts.remove(caller.userId, Number(params.id));
  }

  @Post('posts/:id/like')
  @HttpCode(200)
  like(@CurrentUser() caller: Caller, @Param(zod(PostIdParam)) params: PostIdParam) {
    return this.reactions.like(caller.userId, Number(params.id), true);
  }

  @Delete('posts/:id/like')
  unlike(@CurrentUser() caller: Caller, @Param(zod(PostIdParam)) params: PostIdParam) {
    return this.reactions.like(caller.userId, Number(params.id), false);
  }

  @Post('posts/:id/favourite')
  @HttpCode(200)
  favourite(@CurrentUser() caller: Caller, @Param(zod(PostIdParam)) params: PostIdParam) {
    return this.reactions.favourite(caller.userId, Number(params.id), true);
  }

  @Delete('posts/:id/favourite')
  unfavourite(@CurrentUser() caller: Caller, @Param(zod(PostIdParam)) params: PostIdParam) {
    return this.reactions.favourite(caller.userId, Number(params.id), false);
  }

  @Post('posts/:id/report')
  @HttpCode(200)
  report(
    @CurrentUser() caller: Caller,
    @Param(zod(PostIdParam)) params: PostIdParam,
    @Body(zod(ReportRequest)) body: ReportRequest,
  ) {
    return this.reactions.report(caller.userId, Number(params.id), body.reason);
  }

  @Get('posts/:id/comments')
  listComments(
    @CurrentUser() caller: Caller,
    @Param(zod(PostIdParam)) params: PostIdParam,
    @Query(zod(CommentListQuery)) query: CommentListQuery,
  ) {
    return this.comments.list(caller.userId, Number(params.id), query);
  }

  @Post('posts/:id/comments')
  @HttpCode(201)
  comment(
    @CurrentUser() caller: Caller,
    @Param(zod(PostIdParam)) params: PostIdParam,
    @Body(zod(CommentCreateRequest)) body: CommentCreateRequest,
  ) {
    return this.comments.create(caller.userId, Number(params.id), body);
  }

  @Delete('posts/:id/comments/:commentId')
  deleteComment(@CurrentUser() caller: Caller, @Param(zod(CommentIdParam)) params: CommentIdParam) {
    return this.comments.remove(caller.userId, Number(params.id), Number(params.commentId));
  }
}
