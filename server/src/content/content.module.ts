import { Module } from '@nestjs/common';
import { CommunityModule } from '../community/community.module';
import { CommentService } from './comment.service';
import { KeywordFilterProvider } from './content-keywords.provider';
import { ContentSecurityClient } from './content-security.client';
import { FeedCache } from './feed-cache';
import { ManagePostController } from './manage-post.controller';
import { MessagePushController } from './message-push/message-push.controller';
import { MessagePushRouter } from './message-push/message-push.router';
import { SandboxPushRegistration } from './message-push/sandbox-push-registration';
import { ModerationService } from './moderation.service';
import { PostController } from './post.controller';
import { PostPublication } from './post-publication.service';
import { PostRepository } from './post.repository';
import { PostService } from './post.service';
import { PostViews } from './post-views';
import { ReactionService } from './reaction.service';

/**
 * 内容: posts with product tags, content security (keyword list, msg_sec_check,
 * media_check_async with its message-push callback), scheduled publication, feeds, likes,
 * favourites, comments, reports and moderation. MessagePushRouter is exported: other domains
 * register their own message-push events on it.
 */
@Module({
  imports: [CommunityModule],
  controllers: [PostController, ManagePostController, MessagePushController],
  providers: [
    PostService,
    PostPublication,
    PostRepository,
    PostViews,
    FeedCache,
    ReactionService,
    CommentService,
    ModerationService,
    ContentSecurityClient,
    SandboxPushRegistration,
    MessagePushRouter,
    KeywordFilterProvider,
  ],
  exports: [MessagePushRouter],
})
export class ContentModule {}
